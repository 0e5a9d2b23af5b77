#include "cli/commands.h"

int main(int argc, char** argv) { return kokuho::cli::RunCli(argc, argv); }
