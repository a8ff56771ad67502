#include "schema_facts.h"

#include "schema.h"

namespace backfill::detail {

namespace {

bool is_true(const Value* v) { return v != nullptr && v->IsBool() && v->GetBool(); }

}  // namespace

SchemaFacts::MemberSchema SchemaFacts::Facts::member(std::string_view name) const noexcept {
  for (const Named& named : members_) {
    if (named.name == name) return named.is_object ? named.schema : additional_;
  }
  return additional_;
}

SchemaFacts::SchemaFacts(const CompiledSchema& schema, const Value& document) {
  const auto read_only = [&](const Value* sub) { return sub != nullptr && is_true(member(*sub, "readOnly")); };
  std::vector<const Value*> pending{&document};
  while (!pending.empty()) {
    const Value* node = pending.back();
    pending.pop_back();
    if (node->IsArray()) {
      for (const Value& item : node->GetArray()) pending.push_back(&item);
      continue;
    }
    if (!node->IsObject()) continue;
    for (const auto& m : node->GetObject()) pending.push_back(&m.value);
    Facts& facts = facts_[node];
    if (const Value* one_of = member(*node, "oneOf"); one_of && one_of->IsArray()) facts.one_of = one_of;
    if (const Value* format = member(*node, "format"); format && format->IsString()) {
      const std::string_view name = text_of(*format);
      facts.format = name == "date-time" ? Format::date_time : name == "uuid" ? Format::uuid : Format::none;
    }
    const Value* additional = member(*node, "additionalProperties");
    facts.closed = additional != nullptr && additional->IsBool();
    if (additional != nullptr && additional->IsObject()) {
      const Value* sub = schema.follow_refs(additional);
      facts.additional_ = {sub, read_only(sub)};
    }
    if (const Value* properties = member(*node, "properties"); properties && properties->IsObject()) {
      facts.properties = properties;
      for (const auto& p : properties->GetObject()) {
        const Value* sub = p.value.IsObject() ? schema.follow_refs(&p.value) : nullptr;
        facts.members_.push_back({text_of(p.name), p.value.IsObject(), {sub, read_only(sub)}});
      }
    }
    facts.items = schema.items_subschema(node);
  }
}

const SchemaFacts::Facts& SchemaFacts::of(const Value* subschema) const noexcept {
  const auto found = facts_.find(subschema);
  return found != facts_.end() ? found->second : none_;
}

}  // namespace backfill::detail
