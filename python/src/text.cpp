#include "text.h"

#include <string>
#include <utility>

namespace pybackfill {

Text text_of(py::handle value, const char* what) {
  PyObject* object = value.ptr();
  if (PyBytes_Check(object)) {
    return {py::reinterpret_borrow<py::object>(value),
            std::string_view(PyBytes_AS_STRING(object), static_cast<std::size_t>(PyBytes_GET_SIZE(object)))};
  }
  if (PyUnicode_Check(object)) {
    Py_ssize_t size = 0;
    // Cached on the str object: no copy for ASCII text, one UTF-8 copy (kept by the str) otherwise.
    if (const char* utf8 = PyUnicode_AsUTF8AndSize(object, &size)) {
      return {py::reinterpret_borrow<py::object>(value), std::string_view(utf8, static_cast<std::size_t>(size))};
    }
    PyErr_Clear();  // lone surrogates: a document the validator rejects, not a bad argument
    py::object encoded = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(object, "utf-8", "surrogatepass"));
    if (!encoded) throw py::error_already_set();
    return text_of(encoded, what);
  }
  if (PyObject_CheckBuffer(object)) {  // bytearray, memoryview, array: mutable, so validated from a copy
    py::object copy = py::reinterpret_steal<py::object>(PyBytes_FromObject(object));
    if (!copy) throw py::error_already_set();
    return text_of(copy, what);
  }
  throw py::type_error(std::string(what) + " must be str or bytes, not " + Py_TYPE(object)->tp_name);
}

Text copy_of(std::string_view bytes) {
  py::bytes copy(bytes.data(), bytes.size());
  const std::string_view view(PyBytes_AS_STRING(copy.ptr()), bytes.size());
  return {std::move(copy), view};
}

py::str to_str(std::string_view text) {
  PyObject* result = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "surrogateescape");
  if (!result) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(result);
}

}  // namespace pybackfill
