// The resolve stage's entry points: the page, and each element handed to its kind's resolver.
#include "resolve/resolve.hpp"

#include <string>

#include "diagnostic_codes.hpp"
#include "draw.hpp"

namespace dotlabel::render {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
// clang before 17 has no class template argument deduction for aggregates.
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

void ResolveContext::report(SourcePos at, Severity severity, std::string_view code,
                            std::string message, std::string hint) const {
  diagnostics.push_back(
      {file, at, severity, std::string(code), std::move(message), std::move(hint)});
}

bool resolve_page(const ir::Document& document, const Limits& limits, Diagnostics& diagnostics) {
  const ir::Page& page = document.page;
  // The compiler bounds the page too; an embedder's IR may not have been through it.
  if (static_cast<std::int64_t>(page.width) * page.length <= limits.max_label_dots &&
      page.width > 0 && page.length > 0)
    return true;
  diagnostics.push_back(
      {document.file, page.at, Severity::error, std::string(codes::kPageAreaOutOfRange),
       "the label is " + std::to_string(page.width) + " x " + std::to_string(page.length) +
           " dots, outside 1.." + std::to_string(limits.max_label_dots) + " dots of area",
       "check PAGE w and l (mm)"});
  return false;
}

ResolvedElement resolve(const ir::Element& element, const ResolveContext& context) {
  return std::visit(
      Overloaded{
          [&](const ir::Text& e) { return resolve_text(e, context); },
          [&](const ir::Barcode& e) { return resolve_barcode(e, context); },
          [&](const ir::QrCode& e) { return resolve_qr(e, context); },
          [&](const ir::Box& e) { return resolve_box(e, context); },
          [&](const ir::Bar& e) { return resolve_bar(e, context); },
          [&](const ir::Reverse& e) { return resolve_reverse(e, context); },
          [&](const ir::Image& e) { return resolve_image(e, context); },
          [](const ir::Cutter&) { return ResolvedElement{}; },  // paper handling: no ink
      },
      element);
}

}  // namespace dotlabel::render
