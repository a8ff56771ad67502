// A small keep-alive load client: C connections POST one body for S seconds and report requests,
// failures (any status other than the expected one), requests per second and latency percentiles.
//   load URL BODY_FILE [--connections C] [--seconds S] [--status 201] [--accept TYPE]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: load URL BODY_FILE [--connections C] [--seconds S] [--status N]\n");
    return 2;
  }
  const std::string url = argv[1];
  std::ifstream file(argv[2], std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  const std::string body = text.str();
  int connections = 16, expected = 201;
  double seconds = 5;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--connections"))
      connections = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seconds"))
      seconds = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--status"))
      expected = std::atoi(argv[i + 1]);
  }
  const std::size_t path_at = url.find('/', url.find("://") + 3);
  const std::string origin = url.substr(0, path_at), path = url.substr(path_at);
  std::atomic<long> failed{0};
  std::vector<std::vector<double>> latencies(static_cast<std::size_t>(connections));
  const auto start = std::chrono::steady_clock::now();
  const auto stop = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client(origin);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(std::chrono::seconds(30));
      auto& mine = latencies[static_cast<std::size_t>(t)];
      while (std::chrono::steady_clock::now() < stop) {
        const auto sent = std::chrono::steady_clock::now();
        const auto result = client.Post(path.c_str(), body, "application/json");
        mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent).count());
        if (!result || result->status != expected) ++failed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  const auto percentile = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, std::size_t(p * all.size()))];
  };
  std::printf(
      "{\"requests\":%zu,\"failed\":%ld,\"seconds\":%.2f,\"rps\":%.0f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"connections\":%"
      "d}\n",
      all.size(), failed.load(), elapsed, all.size() / elapsed, percentile(0.50), percentile(0.99), connections);
  return failed.load() == 0 && !all.empty() ? 0 : 1;
}
