// (report writers are added in the next commit)
namespace kokuho {}
