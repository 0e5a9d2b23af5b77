#include "cli/commands.h"

namespace kokuho::cli {

void RegisterSynth(CLI::App& app, Action& action) {}  // placeholder until the command lands

}  // namespace kokuho::cli
