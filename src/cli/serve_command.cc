// kokuho serve: the local web application (docs/web-app.md) over one case folder.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/serve_inputs.h"
#include "server/server.h"

namespace kokuho::cli {
namespace {

struct ServeRun {
  std::string case_path;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string rates_path;
  std::string scenario_path;
  bool quiet = false;
};

int RunServe(const ServeRun& run) {
  auto data = std::make_shared<server::AppData>(
      LoadServeData(run.case_path, run.rates_path, run.scenario_path));
  server::ServeOptions options;
  options.host = run.host;
  options.port = run.port;
  options.log = !run.quiet;
  if (!server::IsLoopbackHost(run.host)) options.token = server::NewToken();
  server::AppServer app(data, options);
  const int port = app.Bind();
  const std::string shown =
      run.host.find(':') != std::string::npos ? "[" + run.host + "]" : run.host;
  std::cout << fmt::format("kokuho serve: {} {} ({})\n", data->case_data.prefecture,
                           data->case_data.fiscal_year.ToWareki(),
                           data->case_data.coefficients_label);
  if (options.token.empty()) {
    std::cout << fmt::format("  http://{}:{}/   (Ctrl+C で終了 / to stop)\n", shown, port);
  } else {
    std::cout << fmt::format("  http://{}:{}/?token={}   (Ctrl+C で終了 / to stop)\n", shown, port,
                             options.token);
    std::cout << fmt::format(
        "  token: {}  (required on every request: ?token=, the cookie or "
        "the X-Kokuho-Token header)\n",
        options.token);
  }
  if (data->scenario && !data->scenario->years.empty())
    std::cout << fmt::format("  シナリオ: {} ({}〜{})\n", data->scenario->name,
                             data->scenario->years.front().plan.year.ToWareki(),
                             data->scenario->years.back().plan.year.ToWareki());
  if (data->levy_years.empty())
    std::cout << "  世帯の保険料計算は --rates FILE を指定すると使えます。\n";
  std::cout.flush();
  app.Run();
  return 0;
}

}  // namespace

void RegisterServe(CLI::App& app, Action& action) {
  auto run = std::make_shared<ServeRun>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "ローカルのWebアプリ: 県の概要・市町村の詳細・シナリオ・世帯の保険料計算");
  cmd->add_option("CASE", run->case_path, "事例フォルダ または prefecture.yaml")->required();
  cmd->add_option("--port", run->port, "TCP ポート (既定 8080; 0: 空いているポート)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option(
      "--host", run->host,
      "待ち受けるアドレス (既定 127.0.0.1; ほかのアドレスでは起動時に表示するトークンが必要)");
  cmd->add_option("--rates", run->rates_path,
                  "世帯の保険料計算に使う料率表 (CSV または xlsx)、例: "
                  "examples/levy/rates-gunma-sample.csv");
  cmd->add_option("--scenario", run->scenario_path,
                  "市町村の画面に年度別の推移を示すロードマップのシナリオ、例: "
                  "examples/gunma-roadmap/scenario.yaml");
  cmd->add_flag("--quiet", run->quiet, "リクエストのログを出さない");
  cmd->callback([run, &action]() { action = [run]() { return RunServe(*run); }; });
}

}  // namespace kokuho::cli
