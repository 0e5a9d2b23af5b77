#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"

namespace kokuho::cli {

void RegisterValidate(CLI::App& app, Action& action) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("validate", "入力を検査する (check a case; writes nothing)");
  cmd->add_option("CASE", *path, "事例フォルダ または prefecture.yaml")->required();
  cmd->callback([path, &action]() {
    action = [path]() {
      nofukin::Case c = LoadCase(*path);
      nofukin::Compute(
          c,
          {.detail = false});  // the rules of the calculation are part of the check (e.g. S_i > 0)
      std::string parts;
      for (Part p : c.parts) parts += (parts.empty() ? "" : ", ") + PartLabel(p);
      std::int64_t insured = 0;
      for (const auto& m : c.municipalities) insured += m.part(c.parts.front()).insured;
      std::cout << fmt::format("OK: {} {} ({}): {} 市町村, 被保険者数 {}人; 分: {}\n", c.prefecture,
                               c.fiscal_year.ToWareki(), c.coefficients_label,
                               c.municipalities.size(), FormatYen(insured), parts);
      return 0;
    };
  });
}

}  // namespace kokuho::cli
