// backfill_check: the crossings between Python text and the library's byte strings.
#pragma once

#include <string_view>

#include <pybind11/pybind11.h>

namespace pybackfill {

namespace py = pybind11;

/// A document's bytes as the validator reads them, and the Python object that keeps them alive.
struct Text {
  py::object owner;        ///< A bytes or str object; immutable, so its bytes may be read without the GIL.
  std::string_view bytes;  ///< UTF-8 of a str, or the bytes as given.
};

/// The document in `value`: bytes as they are (no copy), str as UTF-8 (a str with lone surrogates,
/// which no UTF-8 can hold, is encoded with them as-is so that the validator reports BF0003), any
/// other bytes-like object copied. Anything else raises TypeError naming `what`. Needs the GIL.
Text text_of(py::handle value, const char* what);

/// A Text that owns a copy of `bytes` (text the library made, such as a HAR entry's decoded body).
Text copy_of(std::string_view bytes);

/// A Python str of library text (UTF-8); bytes that are not UTF-8 become lone surrogates
/// ("surrogateescape") instead of raising. Needs the GIL.
py::str to_str(std::string_view text);

}  // namespace pybackfill
