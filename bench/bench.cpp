// Throughput benchmark, following the protocol of issue 6:
//   bench --corpus FILE.ndjson --mode full|schema|parse --runs N --warmup N [--limit N] [--verdicts PREFIX]
// The corpus is read into memory first; only parse + validate of every document is timed. One JSON
// line per variant: the RapidJSON parse-only floor, then our pipeline with valijson deciding every
// document ("reference") and with the schema fast path ("fast"), all in the same run.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/validate.h"
#include "schema/embedded.h"
#include "schema/schema.h"

namespace {

struct Variant {
  std::string name;
  std::function<int(std::string_view)> run;  // 1 valid, 0 invalid, -1 internal error
};

int usage(const char* why) {
  std::fprintf(stderr,
               "bench: %s\nusage: bench --corpus FILE.ndjson --mode full|schema|parse --runs N --warmup N "
               "[--limit N] [--verdicts PREFIX]\n",
               why);
  return 2;
}

int parse_floor(std::string_view doc) {
  rapidjson::Document document;
  document.Parse(doc.data(), doc.size());
  return document.HasParseError() ? 0 : 1;
}

// The schema layer's verdict alone: our parse (offsets, limits), duplicate keys, then the schema.
int schema_only(std::string_view doc, const backfill::detail::CompiledSchema& schema,
                backfill::detail::SchemaEngine engine) {
  backfill::detail::ParsedJson parsed;
  backfill::detail::ParseError error;
  if (!parsed.parse(doc, 64u << 20, 128, error)) return 0;
  if (!parsed.find_duplicate_keys().empty()) return 0;
  return schema.accepts(parsed.root(), engine) ? 1 : 0;
}

int full(std::string_view doc, const backfill::Validator& validator, const backfill::Options& options) {
  const backfill::Report report = validator.validate(doc, options);
  for (const auto& d : report.diagnostics) {
    if (d.code == backfill::Code::internal_error) return -1;
  }
  return report.valid() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus_path, mode = "full", verdicts_prefix, only;
  long runs = 5, warmup = 1, limit = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return usage("every option takes a value");
    const char* value = argv[++i];
    if (arg == "--corpus") corpus_path = value;
    else if (arg == "--mode") mode = value;
    else if (arg == "--runs") runs = std::atol(value);
    else if (arg == "--warmup") warmup = std::atol(value);
    else if (arg == "--limit") limit = std::atol(value);
    else if (arg == "--verdicts") verdicts_prefix = value;
    else if (arg == "--only") only = value;  // one variant, for profiling
    else return usage("unknown option");
  }
  if (corpus_path.empty()) return usage("--corpus is required");
  if (mode != "full" && mode != "schema" && mode != "parse") return usage("--mode is full, schema or parse");
  if (runs < 1 || warmup < 0) return usage("--runs must be at least 1, --warmup at least 0");

  std::ifstream in(corpus_path, std::ios::binary);
  if (!in) return usage("cannot read the corpus");
  const std::string corpus((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string_view> docs;
  std::size_t bytes = 0;
  for (std::size_t start = 0; start < corpus.size();) {
    std::size_t end = corpus.find('\n', start);
    if (end == std::string::npos) end = corpus.size();
    if (end > start) {
      docs.emplace_back(corpus.data() + start, end - start);
      bytes += end - start;
    }
    start = end + 1;
    if (limit >= 0 && docs.size() >= static_cast<std::size_t>(limit)) break;
  }

  using backfill::Kind;
  backfill::Options options;
  options.kind = Kind::request;
  options.now = backfill::parse_date_time("2026-01-01T00:00:00Z").instant;  // fixed: same verdicts every day
  using backfill::detail::SchemaEngine;
  const backfill::Validator reference_validator = backfill::detail::make_validator(SchemaEngine::reference);
  const backfill::Validator fast_validator;
  const backfill::detail::CompiledSchema& schema = *backfill::detail::embedded_compiled_schema(Kind::request);
  if (!schema.fast().usable()) {
    std::fprintf(stderr, "bench: the fast check cannot check the request schema: %s\n",
                 schema.model().unsupported().c_str());
  }

  std::vector<Variant> variants;
  variants.push_back({"parse-floor", parse_floor});
  if (mode == "parse") {
    variants.push_back({"parse", [](std::string_view doc) {
                          backfill::detail::ParsedJson parsed;
                          backfill::detail::ParseError error;
                          return parsed.parse(doc, 64u << 20, 128, error) ? 1 : 0;
                        }});
  } else if (mode == "schema") {
    variants.push_back({"reference", [&](std::string_view d) { return schema_only(d, schema, SchemaEngine::reference); }});
    variants.push_back({"fast", [&](std::string_view d) { return schema_only(d, schema, SchemaEngine::fast); }});
  } else {
    variants.push_back({"reference", [&](std::string_view d) { return full(d, reference_validator, options); }});
    variants.push_back({"fast", [&](std::string_view d) { return full(d, fast_validator, options); }});
  }

  for (const Variant& variant : variants) {
    if (!only.empty() && variant.name != only) continue;
    std::vector<signed char> verdicts(docs.size());
    std::vector<double> seconds;
    for (long r = 0; r < warmup + runs; ++r) {
      const auto start = std::chrono::steady_clock::now();
      for (std::size_t i = 0; i < docs.size(); ++i) verdicts[i] = static_cast<signed char>(variant.run(docs[i]));
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      if (r >= warmup) seconds.push_back(took.count());
    }
    std::size_t valid = 0, invalid = 0, errors = 0;
    for (signed char v : verdicts) (v == 1 ? valid : v == 0 ? invalid : errors) += 1;
    std::string runs_s;
    for (double s : seconds) runs_s += (runs_s.empty() ? "" : ",") + std::to_string(s);
    std::printf("{\"peer\":\"backfill-check\",\"variant\":\"%s\",\"mode\":\"%s\",\"docs\":%zu,\"bytes\":%zu,"
                "\"valid\":%zu,\"invalid\":%zu,\"errors\":%zu,\"runs_s\":[%s]}\n",
                variant.name.c_str(), mode.c_str(), docs.size(), bytes, valid, invalid, errors, runs_s.c_str());
    std::fflush(stdout);
    if (!verdicts_prefix.empty()) {
      std::ofstream out(verdicts_prefix + "." + variant.name + ".txt", std::ios::binary);
      for (signed char v : verdicts) out << (v == 1 ? '1' : '0') << '\n';
      if (!out) return usage("cannot write the verdicts file");
    }
  }
  return 0;
}
