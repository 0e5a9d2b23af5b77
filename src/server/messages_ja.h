// What the web API adds to the loaders' Japanese messages (docs/web-app.md): the label of each
// field a person types in the app (α → 「α 医療費指数反映係数」) in place of the file's key
// path. The household loader (readers/household_loader.h) already says in Japanese what to enter;
// the form shows the member's number and the box's name where the CLI shows the JSON path.
//
//   HouseholdFieldMessage("members[0].age: 4月1日現在の年齢を0〜74の整数で入力してください …")
//   // → {field: "household.members[0].age",
//   //    message: "1人目の年齢: 4月1日現在の年齢を0〜74の整数で入力してください …"}
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

/// The household loader's message ("members[0].age: …") for the form: the path (prefixed by
/// "household.") as the field, the path replaced by its label in the message. A message with
/// no path (a syntax error, the top level) is the field "household", the message unchanged.
FieldMessage HouseholdFieldMessage(const std::string& loader_message);

}  // namespace kokuho::server
