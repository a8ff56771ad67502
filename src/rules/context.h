// The rule layer: hand-written checks that a schema cannot express, run on the parsed document
// whatever the schema layer found, but never on a value of the wrong type.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "backfill/validate.h"
#include "json/json.h"
#include "json/value_path.h"
#include "rules/chunked_list.h"

namespace backfill::detail {

class SchemaSet;
class TextBuffer;

/// What a finding says: built only for findings that may be listed, never for all of a flood.
struct FindingText {
  std::string pointer;
  std::string message;
  std::string keyword_location;  ///< Schema diagnostics: where in the schema.

  std::size_t bytes() const noexcept { return pointer.size() + message.size() + keyword_location.size(); }
};

struct Finding;
struct Describing;
/// Appends the message of a finding recorded as a fact (Findings::add_fact) from its compact part.
using DescribeFact = void (*)(const Finding& finding, Describing& describing);

/// What describing the listed facts of one report shares: the buffer each message is appended to,
/// and where the messages that depend only on the kind of fact, the member name and the schema were
/// written (read-only and unknown members: a flood repeats one, written once, then shared; an
/// unknown one's takes an edit distance per documented name).
struct Describing {
  using Key = std::tuple<DescribeFact, const Value*, std::string_view>;  // (describe, known, token)
  struct Written {
    std::size_t begin = 0, size = 0;
  };
  struct KeyLess {  // std::less: pointers to unrelated objects and functions have no built-in order
    bool operator()(const Key& a, const Key& b) const noexcept {
      if (std::get<0>(a) != std::get<0>(b)) return std::less<DescribeFact>()(std::get<0>(a), std::get<0>(b));
      if (std::get<1>(a) != std::get<1>(b)) return std::less<const Value*>()(std::get<1>(a), std::get<1>(b));
      return std::get<2>(a) < std::get<2>(b);
    }
  };
  TextBuffer& message;
  std::map<Key, Written, KeyLess> written;
  const std::pair<const Key, Written>* last = nullptr;  // the entry of `written` used last
  /// Set by a describe function that wrote nothing: the message is this earlier one's bytes.
  std::optional<Written> repeated;
};

/// A diagnostic before it is placed. Its compact part (code, value, keyword, names as views into the
/// document or the schema) is all that the verdict, the counts and "one fault, one diagnostic" need,
/// so every finding is kept, however many there are; its text exists only for those that may be listed.
/// A fact (`describe` set) is described only once it is listed: its pointer is written from the path
/// kept when it was found, its message by `describe`, both into the report's texts.
struct Finding {
  // What every pass over a flood reads comes first, together, and the whole is small: a flood of
  // findings is passed over several times, and its cache lines are what those passes cost.
  Code code = Code::internal_error;
  std::uint32_t serial = 0;           ///< Order of creation: a second, describing pass finds it again by this.
  std::uint32_t path = kNoPath;       ///< A fact's: the container `node` is a child of, kept in Findings::paths.
  std::uint32_t offset = 0;           ///< Where it is in the text (parsed texts are below 4 GiB).
  const Value* node = nullptr;        ///< The value it names (located by its offset); nullptr: `offset` as is.
  DescribeFact describe = nullptr;    ///< Set for a fact, which never has `text`.
  std::unique_ptr<FindingText> text;  ///< Null until described.
  std::string_view token;             ///< A member's fact: the member's own name.
  std::string_view keyword;           ///< Schema diagnostics: the failing keyword; "" for rules.
  std::string_view related;           ///< A required member that is missing, or an unknown member's likely intent.
  const Value* known = nullptr;       ///< An unknown member's: the schema's "properties" (see likely_intent()).

  /// Whether the report can list it: its text is built, or it is a fact.
  bool describable() const noexcept { return describe != nullptr || text != nullptr; }
};

/// Whether `f` is a fact whose message is the one Describing::last holds (the same describe, known and
/// token: a message shared per key, written once): then `repeated` says so, and `f` need not be
/// described. A flood of one fact asks this of each; only a change of key looks further.
inline bool shares_last_message(const Finding& f, Describing& describing) noexcept {
  if (describing.last == nullptr) return false;
  const Describing::Key& last = describing.last->first;
  if (std::get<0>(last) != f.describe || std::get<1>(last) != f.known || std::get<2>(last) != f.token) return false;
  describing.repeated = describing.last->second;
  return true;
}

/// A finding named by the caller in full (parse errors, HAR and exchange checks): the one way code
/// outside the rule layer makes a Finding, so that its layout can change in one place.
inline Finding make_finding(Code code, const Value* node, std::string pointer, std::string message,
                            std::size_t offset = 0) {
  Finding f;
  f.code = code;
  f.node = node;
  f.offset = static_cast<std::uint32_t>(offset);
  f.text = std::make_unique<FindingText>(FindingText{std::move(pointer), std::move(message), {}});
  return f;
}

/// Where the layers put their findings. Every finding is recorded; a finding's text is built (by the
/// `describe` callable handed to add()) only while fewer than `capacity` are described, or, in a
/// second pass, only for the serials that the first pass chose to list but could not describe.
/// Bytes of finding texts (pointers, messages) one validation may build: a constant plus a multiple
/// of the input, so that many findings under a long member name cannot multiply the input.
inline std::size_t text_budget(std::size_t input_bytes) { return (std::size_t{1} << 20) + 8 * input_bytes; }

/// Findings in a container that grows without copying (a flood of them must not need twice its size).
using FindingList = ChunkedList<Finding>;

class Findings {
 public:
  explicit Findings(std::size_t capacity = static_cast<std::size_t>(-1),
                    std::size_t text_bytes = static_cast<std::size_t>(-1))
      : capacity_(capacity), room_(text_bytes) {}
  /// A describing pass: texts only for the serials marked in `wanted` (and while the budget lasts).
  Findings(const std::vector<bool>& wanted, std::size_t text_bytes)
      : capacity_(0), room_(text_bytes), wanted_(&wanted) {}

  /// Whether the finding `ahead` adds from now will be described (when those before it all are).
  bool describes_ahead(std::size_t ahead) const noexcept {
    const std::size_t serial = serial_ + ahead;
    if (room_ == 0) return false;
    return wanted_ != nullptr ? serial < wanted_->size() && (*wanted_)[serial] : described_ + ahead < capacity_;
  }
  /// Bytes of text that may still be built.
  std::size_t text_room() const noexcept { return room_; }
  bool describes_next() const noexcept { return describes_ahead(0); }
  /// Keeps a copy of `text` as long as the findings (names that come from a temporary).
  std::string_view keep(std::string_view text) { return text.empty() ? std::string_view() : kept_.emplace_back(text); }
  template <typename Describe>
  Finding& add(Code code, const Value* node, Describe&& describe) {
    return add_if(true, code, node, std::forward<Describe>(describe));
  }
  /// add(), describing only if `can_describe` too.
  template <typename Describe>
  Finding& add_if(bool can_describe, Code code, const Value* node, Describe&& describe) {
    Finding& f = list.emplace_back();
    f.code = code;
    f.node = node;
    f.serial = serial_;
    if (can_describe && describes_next()) {
      f.text = std::make_unique<FindingText>(describe());
      room_ -= std::min(room_, f.text->bytes());
      ++described_;
    } else {
      ++undescribed_;
    }
    ++serial_;
    return f;
  }
  /// A fact: no text now; described after listing (see Finding), so floods cost no texts at all.
  /// `in`: the link of the container `node` is a child of; nullptr when `node` is the root.
  Finding& add_fact(Code code, const Value* node, const PathLink* in, DescribeFact describe) {
    Finding& f = list.emplace_back();
    f.code = code;
    f.node = node;
    f.serial = serial_++;
    f.path = in != nullptr ? paths.keep(*in) : kNoPath;
    f.describe = describe;
    return f;
  }
  /// A finding built in full (make_finding) keeps its text.
  void add(Finding finding) {
    finding.serial = serial_++;
    if (finding.text) ++described_;
    if (!finding.describable()) ++undescribed_;
    list.push_back(std::move(finding));
  }
  /// Undoes every add() since size() was `mark` (a layer that then hands over to another).
  void truncate(std::size_t mark) {
    while (list.size() > mark) {
      if (const FindingText* t = list.back().text.get()) {
        room_ += t->bytes();
        --described_;
      }
      if (!list.back().describable()) --undescribed_;
      list.pop_back();
      --serial_;
    }
  }
  std::size_t size() const noexcept { return list.size(); }
  std::uint32_t serials() const noexcept { return serial_; }
  /// How many findings have no text and are not facts (a report that lists one describes it later).
  std::size_t undescribed() const noexcept { return undescribed_; }

  FindingList list;
  /// Where facts were found: the containers they are children of.
  ValuePaths paths;

 private:
  std::size_t capacity_;
  std::size_t room_;
  const std::vector<bool>* wanted_ = nullptr;
  std::size_t described_ = 0;
  std::size_t undescribed_ = 0;
  std::uint32_t serial_ = 0;
  std::deque<std::string> kept_;
};

/// What every rule sees.
struct RuleContext {
  const Value& root;
  Kind kind;  ///< The shape checked (never automatic: detected before the rules run).
  const Options& options;
  Instant now;
  Findings& findings;

  /// Records a finding; `pointer` and `message` are kept only if it is described.
  Finding& report(Code code, const Value* node, std::string pointer, std::string message) const {
    return findings.add(code, node, [&] { return FindingText{std::move(pointer), std::move(message), {}}; });
  }
  /// As report(), building the texts only when they are kept.
  template <typename Describe>
  Finding& report_lazily(Code code, const Value* node, Describe&& describe) const {
    return findings.add(code, node, std::forward<Describe>(describe));
  }
};

/// The request rules: updates count and order, started_at order, component statuses.
void check_request_rules(const RuleContext& context);
/// The response rules: a completed backfill, dates agreeing with updates, relationships and included.
void check_response_rules(const RuleContext& context);
/// The parameter rules: the include list and the status code.
void check_parameter_rules(const RuleContext& context);

/// Sets each finding's offset from its value and sorts them into document order.
void locate_findings(FindingList& findings, const ParsedJson* parsed);
/// Which located findings a report lists (a mark each): all when they fit in Limits::max_diagnostics,
/// otherwise errors first, then warnings, then notes, each in document order.
std::vector<bool> listed_findings(const FindingList& findings, const Options& options);
/// The report: every finding counted by severity (the verdict never depends on what is listed), the
/// listed ones that fit an output budget in bytes (a constant plus a multiple of `text`) as
/// diagnostics, the rest counted in Report::suppressed* and one BF0006 note. Listed findings must
/// be describable(); facts are described here (pointers from `paths`, where they were found).
/// `schemas` (the set the document was checked against; nullptr for findings made in full) names
/// the report's schema and words the contract hint of a missing member.
Report build_report(const SchemaSet* schemas, Kind kind, FindingList& findings, const ValuePaths* paths,
                    const std::vector<bool>& listed, std::string_view text, const Options& options,
                    const ParsedJson* parsed);
/// Notes the findings a report does not list (one BF0006, the list then errors first).
void note_truncation(Report& report, const Options& options);
/// locate_findings(), listed_findings() and build_report() for findings made in full (make_finding).
Report place(Kind kind, std::vector<Finding>& findings, const ParsedJson* parsed, std::string_view text,
             const Options& options);

/// A report of one diagnostic with no position (the validator failed, or a document could not be
/// checked at all); the one way the library builds such a report.
Report single_report(Kind kind, Code code, std::string message);

/// True when a rule's finding at a pointer makes the schema's `keyword` failure there redundant.
bool rule_subsumes(Code rule, std::string_view keyword) noexcept;

}  // namespace backfill::detail
