namespace kokuho {}
