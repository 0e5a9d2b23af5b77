// The guard that finds English in user-facing messages (tests/japanese_text.h) tells the
// project's Japanese messages from the English ones they replaced.
#include "tests/japanese_text.h"

#include <gtest/gtest.h>

namespace kokuho::test {
namespace {

TEST(JapaneseMessageGuard, AcceptsTheProjectsJapaneseMessages) {
  for (const char* m : {
           "members[0].age: 4月1日現在の年齢を0〜74の整数で入力してください (75歳以上は後期高齢者"
           "医療の被保険者です)",
           "members[1].income_declared: 「maybe」は true (はい) か false (いいえ) "
           "で指定してください",
           "オプション --foo は使えません。kokuho levy --help で使い方を表示します (CLI11: The "
           "following argument was not expected: --foo)",
           "団体コード: 「102058」は検査数字 (6桁目) が合いません。102059 太田市 ではありませんか",
           "JSON として読めません (syntax error while parsing object - unexpected '}')。",
           "このフォルダに格納ファイル (claims-YYYYMM.kclm) がありません",
       })
    EXPECT_EQ(JapaneseMessageProblem(m), "") << m;
}

TEST(JapaneseMessageGuard, RefusesEnglishMessages) {
  for (const char* m : {
           "members[0].age: expected the age on 4月1日, a whole number from 0 to 74",
           "municipality: expected a 団体コード of 6 digits with its check digit",
           "file is empty; expected a header row",
           "The following argument was not expected: --foo",
       })
    EXPECT_NE(JapaneseMessageProblem(m), "") << m;
  // Kana but an English sentence beside it.
  EXPECT_NE(JapaneseMessageProblem("年齢です: the age is not a whole number here"), "");
}

}  // namespace
}  // namespace kokuho::test
