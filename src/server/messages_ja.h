// The Japanese wording of the web API's refusals (docs/web-app.md): the label of each field a
// person types in the app (α → 「α 医療費指数反映係数」), a range in words ([0, 1] →
// 「0以上1以下」), and the household file's messages (readers/household_loader.h, which speaks the
// CLI's language) reworded for a person at the household form.
//
//   HouseholdErrorJa("members[0].age: expected the age on 4月1日, a whole number from 0 to 74")
//   // → {field: "household.members[0].age",
//   //    message: "1人目の年齢: 4月1日現在の年齢を0〜74の整数で入力してください (75歳以上は …)"}
//
// A message never repeats a household's figure: the field path names the box, the page shows
// the value beside it.
#pragma once

#include <string>

namespace kokuho::server {

/// A refusal for a person: the machine-readable field path and the Japanese message.
struct FieldMessage {
  std::string field;
  std::string message;
};

/// The Japanese name of a scenario field ("alpha" → "α (医療費指数反映係数)"); the key itself
/// when it has none.
std::string ScenarioFieldLabel(const std::string& key);

/// A household path in words: "members[1].income.salary_revenue" → "2人目の給与収入".
std::string HouseholdFieldLabel(const std::string& path);

/// The household loader's message (English, "path: expected …") as a Japanese message for
/// the form, with the path prefixed by "household.".
FieldMessage HouseholdErrorJa(const std::string& loader_message);

}  // namespace kokuho::server
