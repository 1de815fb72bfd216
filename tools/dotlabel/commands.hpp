// Every command of the tool; main() registers each one.
#pragma once

#include "cli.hpp"

namespace dotlabel::cli {

void add_check_command(CLI::App& app, Action& action);
void add_render_command(CLI::App& app, Action& action);
void add_base64_command(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, Action& action);
void add_mstching_command(CLI::App& app, Action& action);
void add_submit_command(CLI::App& app, Action& action);
void add_golden_command(CLI::App& app, Action& action);
void add_diff_command(CLI::App& app, Action& action);
void add_tspl_command(CLI::App& app, Action& action);
void add_escpos_command(CLI::App& app, Action& action);
void add_print_command(CLI::App& app, Action& action);

}  // namespace dotlabel::cli
