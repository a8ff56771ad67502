// "Did you mean": the documented member nearest to an unknown one, with the edit distance cut off
// as soon as it cannot win, agrees with the full distance computed naively.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "helpers.h"
#include "json/json.h"  // first: it configures RapidJSON
#include "rules/context.h"
#include "schema/walk.h"

namespace {

std::size_t naive_distance(const std::string& a, const std::string& b) {
  const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c == '-' ? '_' : c; };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1)});
  return d[a.size()][b.size()];
}

// The first of the nearest names within max(2, size / 3), as the library words it.
std::string naive_suggestion(const std::vector<std::string>& known, const std::string& name) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const std::string& k : known) {
    if (k.size() > 64 || name.size() > 64) continue;
    const std::size_t d = naive_distance(name, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best;
}

}  // namespace

TEST_CASE("suggestion: the cut-off edit distance picks what the full one does") {
  std::mt19937 random(5);
  const std::string letters = "abcdeAB_-";
  const auto word = [&](std::size_t most) {
    std::string w(1 + random() % most, 'a');
    for (char& c : w) c = letters[random() % letters.size()];
    return w;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> known;
    std::string properties = "{";
    for (int k = 0; k < 6; ++k) {
      known.push_back(word(12));
      properties += (k ? ",\"" : "\"") + known.back() + "\":{}";
    }
    properties += "}";
    rapidjson::Document document;
    document.Parse(properties.c_str());
    REQUIRE(!document.HasParseError());
    for (int t = 0; t < 20; ++t) {
      std::string name = t % 2 == 0 ? word(12) : known[random() % known.size()];
      if (t % 2 == 1 && !name.empty()) name[random() % name.size()] = letters[random() % letters.size()];
      backfill::detail::Finding unknown;
      unknown.code = backfill::Code::unknown_member;
      unknown.known = &document;
      unknown.token = name;
      CAPTURE(properties);
      CAPTURE(name);
      CHECK(std::string(backfill::detail::likely_intent(unknown)) == naive_suggestion(known, name));
    }
  }
}
