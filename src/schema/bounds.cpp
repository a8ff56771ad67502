#include "schema/bounds.h"

#include <unordered_map>
#include <utility>
#include <vector>

namespace backfill::detail {

namespace {

struct Refused {
  std::string_view keyword, why;
};
constexpr Refused kRefused[] = {
    {"pattern", "regular expressions are matched by backtracking without a bound"},
    {"patternProperties", "regular expressions are matched by backtracking without a bound"},
    {"uniqueItems", "it compares every pair of items, quadratic in the array's length"},
    {"multipleOf", "the reference validator truncates numbers that are not integers (4.5 would pass multipleOf 2)"},
};

// Draft-07 keywords whose value is one subschema, an array of them, or an object of them; `in_place`:
// it applies to the same value (not to a member or an item).
struct Applicator {
  std::string_view keyword;
  enum Shape { one, array, object } shape;
  bool in_place;
};
constexpr Applicator kApplicators[] = {
    {"allOf", Applicator::array, true},
    {"anyOf", Applicator::array, true},
    {"oneOf", Applicator::array, true},
    {"not", Applicator::one, true},
    {"if", Applicator::one, true},
    {"then", Applicator::one, true},
    {"else", Applicator::one, true},
    {"dependencies", Applicator::object, true},
    {"propertyNames", Applicator::one, true},
    {"properties", Applicator::object, false},
    {"patternProperties", Applicator::object, false},
    {"additionalProperties", Applicator::one, false},
    {"items", Applicator::one, false},  // or an array of schemas
    {"additionalItems", Applicator::one, false},
    {"contains", Applicator::one, false},
    {"definitions", Applicator::object, false},  // applies to nothing, but its subschemas are schemas
};

struct Graph {
  std::vector<const Value*> found;                                       // every subschema, in the order found
  std::unordered_map<const Value*, std::string> pointer;                 // and its JSON Pointer
  std::unordered_map<const Value*, std::vector<const Value*>> in_place;  // subschemas applied to the same value
};

// Finds every subschema (depth-first, without recursion) and the in-place edges between them.
std::string build_graph(const Value& document, Graph& graph) {
  std::vector<const Value*> pending{&document};
  graph.pointer.emplace(&document, "");
  graph.found.push_back(&document);
  while (!pending.empty()) {
    const Value& schema = *pending.back();
    pending.pop_back();
    if (!schema.IsObject()) continue;
    const std::string here = graph.pointer[&schema];
    std::vector<const Value*>& in_place = graph.in_place[&schema];
    auto reach = [&](const Value& child, std::string pointer, bool applies_in_place) {
      if (applies_in_place) in_place.push_back(&child);
      if (graph.pointer.emplace(&child, std::move(pointer)).second) {
        graph.found.push_back(&child);
        pending.push_back(&child);
      }
    };
    for (const Refused& refused : kRefused) {
      if (member(schema, refused.keyword) != nullptr) {
        return "the keyword \"" + std::string(refused.keyword) + "\" at " + (here.empty() ? "the root" : here) +
               " is not accepted in a schema read at run time: " + std::string(refused.why);
      }
    }
    if (const Value* ref = member(schema, "$ref"); ref && ref->IsString()) {
      const std::string_view target = text_of(*ref).substr(1);  // bundled: "#..." only
      if (const Value* to = resolve_pointer(document, target)) reach(*to, std::string(target), true);
    }
    for (const Applicator& a : kApplicators) {
      const Value* value = member(schema, a.keyword);
      if (value == nullptr) continue;
      std::string at = here;
      append_pointer_token(at, a.keyword);
      if (value->IsArray() && (a.shape == Applicator::array || a.keyword == "items")) {
        for (rapidjson::SizeType i = 0; i < value->Size(); ++i) {
          std::string item = at;
          append_pointer_index(item, i);
          reach((*value)[i], std::move(item), a.in_place);
        }
      } else if (value->IsObject() && a.shape == Applicator::object) {
        for (const auto& m : value->GetObject()) {
          if (!m.value.IsObject()) continue;  // "dependencies" may hold arrays of names
          std::string entry = at;
          append_pointer_token(entry, text_of(m.name));
          reach(m.value, std::move(entry), a.in_place);
        }
      } else if (value->IsObject() && a.shape == Applicator::one) {
        reach(*value, std::move(at), a.in_place);
      }
    }
  }
  return {};
}

// The longest chain of in-place edges, or the cycle among them (depth-first, without recursion).
std::string check_chains(const Graph& graph) {
  enum class State : unsigned char { open, done };
  std::unordered_map<const Value*, State> state;
  std::unordered_map<const Value*, unsigned> chain;  // subschemas on the longest chain from here
  for (const Value* start : graph.found) {           // in a fixed order, so that the same schema gives the same message
    if (state.count(start) != 0) continue;
    std::vector<std::pair<const Value*, std::size_t>> stack{{start, 0}};
    state[start] = State::open;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      const auto edges = graph.in_place.find(node);
      if (edges != graph.in_place.end() && next < edges->second.size()) {
        const Value* child = edges->second[next++];
        const auto seen = state.find(child);
        if (seen == state.end()) {
          state[child] = State::open;
          stack.emplace_back(child, 0);
        } else if (seen->second == State::open) {
          const std::string& at = graph.pointer.at(child);
          return "subschemas that apply to the same value refer to each other in a cycle (through " +
                 (at.empty() ? std::string("the root") : at) + "): validation would not end";
        }
        continue;
      }
      unsigned longest = 0;
      if (edges != graph.in_place.end()) {
        for (const Value* child : edges->second) longest = std::max(longest, chain[child]);
      }
      chain[node] = longest + 1;
      state[node] = State::done;
      if (chain[node] > kMaxInPlaceChain) {
        const std::string& at = graph.pointer.at(node);
        return "more than " + std::to_string(kMaxInPlaceChain) +
               " subschemas apply to one value one inside another (from " +
               (at.empty() ? std::string("the root") : at) + ")";
      }
      stack.pop_back();
    }
  }
  return {};
}

}  // namespace

std::string unbounded_schema(const Value& document) {
  Graph graph;
  std::string why = build_graph(document, graph);
  return why.empty() ? check_chains(graph) : why;
}

}  // namespace backfill::detail
