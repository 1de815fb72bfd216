module example.com/dotlabel-render

go 1.19
