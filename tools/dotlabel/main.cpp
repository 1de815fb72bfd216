// dotlabel: compile, lint and render Xpyun barcode-cloud label markup.
#include <exception>
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
  add_tspl_command(app, action);
  add_escpos_command(app, action);
  add_print_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the usage error
    return code == 0 ? kOk : kUsageError;
  }
  if (!action) return kUsageError;
  // The library refuses what would not fit its Limits with a diagnostic; what still throws
  // (the machine out of memory, a system error) ends the run with a message, not an abort.
  try {
    return action();
  } catch (const std::bad_alloc&) {
    std::cerr << "dotlabel: out of memory: the input needs more than this machine can give\n";
    return kInputError;
  } catch (const std::exception& e) {
    std::cerr << "dotlabel: " << e.what() << "\n";
    return kUsageError;
  } catch (...) {
    // Whatever else is thrown is still a message and a status, never std::terminate's abort.
    std::cerr << "dotlabel: the run failed with an unexpected error\n";
    return kUsageError;
  }
}
