// Renders every label of a markup file to PNG files through dotlabel's C API with cgo:
//
//	go build . && ./dotlabel-render LABEL.xml OUT.png
//
// cgo finds the library with pkg-config (dotlabel-c.pc): set PKG_CONFIG_PATH for a library
// installed outside the default prefixes, and LD_LIBRARY_PATH to run it from there.
package main

/*
#cgo pkg-config: dotlabel-c
#include <stdlib.h>
#include <dotlabel/dotlabel.h>
*/
import "C"

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unsafe"
)

// Diagnostic is one diagnostic, as `dotlabel check` prints it.
type Diagnostic struct {
	File, Code, Message, Hint string
	Line, Column              int
	Severity                  string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Column, d.Severity, d.Message, d.Code)
}

// Image is one rendered label.
type Image struct {
	LabelID int64
	PNG     []byte
}

// Render returns every label's PNG in id order and the diagnostics; err is set when the markup
// has errors (the diagnostics say which) or the library failed.
func Render(markup []byte, fileName string) (images []Image, diagnostics []Diagnostic, err error) {
	name := C.CString(fileName)
	defer C.free(unsafe.Pointer(name))
	options := C.dotlabel_render_options{
		struct_size: C.size_t(unsafe.Sizeof(C.dotlabel_render_options{})),
		file_name:   name,
		format:      C.DOTLABEL_FORMAT_PNG,
	}
	var text *C.char
	if len(markup) > 0 {
		// Go memory without Go pointers in it may be passed for the length of the call.
		text = (*C.char)(unsafe.Pointer(&markup[0]))
	}
	var result *C.dotlabel_result
	// A nil renderer: the library's shared one. The call may run on any goroutine's thread.
	status := C.dotlabel_render(nil, text, C.size_t(len(markup)), &options, &result)
	defer C.dotlabel_result_free(result) // result owns everything read from it below

	severities := map[C.dotlabel_severity]string{
		C.DOTLABEL_SEVERITY_NOTE: "note", C.DOTLABEL_SEVERITY_WARNING: "warning",
		C.DOTLABEL_SEVERITY_ERROR: "error",
	}
	for i := C.size_t(0); i < C.dotlabel_result_diagnostic_count(result); i++ {
		d := C.dotlabel_result_diagnostic(result, i)
		diagnostics = append(diagnostics, Diagnostic{
			File: C.GoString(d.file), Code: C.GoString(d.code), Message: C.GoString(d.message),
			Hint: C.GoString(d.hint), Line: int(d.line), Column: int(d.column),
			Severity: severities[d.severity],
		})
	}
	if status != C.DOTLABEL_OK {
		return nil, diagnostics, fmt.Errorf("dotlabel: %s: %s",
			C.GoString(C.dotlabel_status_string(status)), C.GoString(C.dotlabel_result_message(result)))
	}
	for i := C.size_t(0); i < C.dotlabel_result_output_count(result); i++ {
		var size C.size_t
		bytes := C.dotlabel_result_output(result, i, &size)
		images = append(images, Image{
			LabelID: int64(C.dotlabel_result_output_label_id(result, i)),
			PNG:     C.GoBytes(unsafe.Pointer(bytes), C.int(size)), // a copy, owned by Go
		})
	}
	return images, diagnostics, nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintf(os.Stderr, "usage: %s LABEL.xml OUT.png\n", os.Args[0])
		os.Exit(2)
	}
	markup, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	images, diagnostics, err := Render(markup, os.Args[1])
	for _, d := range diagnostics {
		fmt.Fprintln(os.Stderr, d)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := os.Args[2]
	for _, image := range images {
		path := out
		if len(images) > 1 { // OUT-<id>.png, as `dotlabel render` names them
			ext := filepath.Ext(out)
			path = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(out, ext), image.LabelID, ext)
		}
		if err := os.WriteFile(path, image.PNG, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
