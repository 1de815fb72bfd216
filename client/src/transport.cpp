// The shared HTTP transport of the submit clients (libcurl) lives here.
