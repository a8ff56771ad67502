// Document order for findings: the order reports list them in.
#pragma once

#include "rules/context.h"

namespace backfill::detail {

/// Sorts located findings by offset and, at one value, by the order the layers made them in
/// (serials are unique). Sorts compact keys and moves each finding once, not the findings
/// themselves, which are large; floods of findings arrive mostly in order and stay cheap.
void sort_by_position(FindingList& findings);

}  // namespace backfill::detail
