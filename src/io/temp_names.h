// Names of kokuho's temporary output files, and the removal of those a killed run left.
//
// Output is written to a hidden temporary file or directory beside its target and renamed
// into place (atomic_file_writer.h, output_files.h). A run killed with SIGKILL (or by a power
// cut) cannot remove its temporary, so the name says whose it is: the machine (a hash of the
// host name) and the process id,
//
//   .pop.kpop.kokuho-tmp-1a2b3c4d-4242-Xy12Zq     (a file being written as pop.kpop)
//   out/.kokuho-tmp-1a2b3c4d-4242-Ab34Cd/          (the files of a command writing to out/)
//
// and a later run writing to the same place removes the temporaries of its own machine whose
// process no longer exists (docs/limits.md, "Temporary files"). A live process's temporary,
// another machine's (a shared network folder), and any other name are never touched.
#pragma once

#include <string>

namespace kokuho {

/// "kokuho-tmp-<host>-<pid>-": the part of a temporary name before mkstemp's XXXXXX.
std::string TempNameInfix();

/// Removes from `dir` the entries named `prefix` + "kokuho-tmp-<host>-<pid>-" + 6 characters
/// made on this machine by a process that no longer exists: regular files when `directories`
/// is false, directories (with their contents) when true. Symbolic links are never followed
/// or removed. Best effort: errors are ignored.
void RemoveStaleTemps(const std::string& dir, const std::string& prefix, bool directories);

}  // namespace kokuho
