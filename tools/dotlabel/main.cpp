// dotlabel: compile, lint and render Xpyun barcode-cloud label markup.
#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <iostream>
#include <iterator>
#include <new>
#include <string_view>

#include "commands.hpp"

#if defined(DOTLABEL_CLI_MIMALLOC)
#include <mimalloc.h>

namespace {
// The heap in 2 MiB pages where the kernel gives them (transparent huge pages): a batch's heap
// then takes a few hundred page faults instead of ~2,000, and a fault costs microseconds on a
// virtual machine. mimalloc takes its first memory while the libraries initialise, before
// main(), so the option is set from the program's pre-initialisers, which the loader runs
// before any library's. MIMALLOC_LARGE_OS_PAGES, when set, still decides (read from the
// environment given here: libc has not set up getenv()'s yet).
void prefer_large_pages(int, char**, char** environment) {
  constexpr std::string_view kName = "MIMALLOC_LARGE_OS_PAGES=";
  for (char** variable = environment; variable && *variable; ++variable)
    if (std::string_view(*variable).starts_with(kName)) return;
  mi_option_enable(mi_option_large_os_pages);
}
using Initialiser = void (*)(int, char**, char**);
[[gnu::used, gnu::section(".preinit_array")]] const Initialiser kPreferLargePages =
    prefer_large_pages;
}  // namespace
#endif

namespace {
// Standard input, output or error closed by the caller (`>&-`) is given /dev/null opened the
// wrong way round. Left closed, the first file the program opens would take its number: the
// output spool's temporary file would become standard output, the images would be written
// into it and lost, and the run would succeed. Now writing (or, for input, reading) fails as
// on a closed descriptor, and the run says so.
void hold_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd)
    if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF)
      ::open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY));  // the lowest free number: fd
}

// What was printed on standard output (help, a version, the files written, a report) must
// have reached it: a full disk or a closed pipe there fails a run that otherwise succeeded.
int flushed(int code) {
  if (std::cout.flush()) return code;
  std::cerr << "dotlabel: cannot write to standard output\n";
  return code == dotlabel::cli::kOk ? dotlabel::cli::kUsageError : code;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace dotlabel::cli;
  hold_standard_descriptors();
  CLI::App app{"dotlabel: compile, lint and render Xpyun barcode-cloud label markup"};
  app.name("dotlabel");
  app.set_version_flag("--version", std::string("dotlabel ") + DOTLABEL_VERSION);
  app.require_subcommand(1);
  // A usage error reads like every other message of the program: "dotlabel: ...".
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "dotlabel: " + std::string(e.what()) +
           "\nRun dotlabel --help, or dotlabel COMMAND --help, for more information.\n";
  });

  struct Command {
    std::string_view name;
    void (*add)(CLI::App&, Action&);
  };
  static constexpr Command kCommands[] = {
      {"check", add_check_command},       {"render", add_render_command},
      {"base64", add_base64_command},     {"serve", add_serve_command},
      {"mstching", add_mstching_command}, {"submit", add_submit_command},
      {"golden", add_golden_command},     {"diff", add_diff_command},
      {"tspl", add_tspl_command},         {"escpos", add_escpos_command},
      {"print", add_print_command}};
  // Only the command named first is built: building every command's options took a third of
  // the start-up's own work (submit's five vendors alone 3.7M instructions). Without a command
  // name first (--help, --version, a typo, nothing) all are, for the listing and the error.
  const std::string_view named = argc > 1 ? argv[1] : "";
  const bool known = std::any_of(std::begin(kCommands), std::end(kCommands),
                                 [&](const Command& c) { return c.name == named; });
  Action action;
  for (const Command& command : kCommands)
    if (!known || command.name == named) command.add(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);  // prints help, version or the usage error
    return flushed(code == 0 ? kOk : kUsageError);
  }
  if (!action) return kUsageError;
  // The library refuses what would not fit its Limits with a diagnostic; what still throws
  // (the machine out of memory, a system error) ends the run with a message, not an abort.
  try {
    return flushed(action());
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
