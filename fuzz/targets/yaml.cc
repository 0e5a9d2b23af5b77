// The strict YAML reader under every YAML and JSON input (UTF-8 or CP932).
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/encoding.h"
#include "io/yaml_reader.h"

KOKUHO_FUZZ_TARGET(yaml) {
  try {
    const std::string text = kokuho::DecodeToUtf8(kokuho::fuzz::AsText(data, size), "fuzz.yaml");
    kokuho::ParseYamlStrict(text, "fuzz.yaml");
  } catch (const kokuho::InputError&) {
  }
}
