// dotlabel: compile, lint and render Xpyun barcode-cloud label markup.
#include <iostream>
#include <new>

#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace dotlabel::cli;
  CLI::App app{"dotlabel: compile, lint and render Xpyun barcode-cloud label markup"};
  app.name("dotlabel");
  app.set_version_flag("--version", std::string("dotlabel ") + DOTLABEL_VERSION);
  app.require_subcommand(1);

  Action action;
  add_check_command(app, action);
  add_render_command(app, action);
  add_base64_command(app, action);
  add_serve_command(app, action);
  add_mstching_command(app, action);
  add_submit_command(app, action);
  add_golden_command(app, action);
  add_diff_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the usage error
    return code == 0 ? kOk : kUsageError;
  }
  // Running out of memory (in rendering, or in an encoder: encode_png throws rather than return
  // an empty image) ends the command with a message and a failure status, not an abort.
  try {
    return action ? action() : kUsageError;
  } catch (const std::bad_alloc&) {
    return fail("out of memory");
  }
}
