// compile_lazy(): PAGE's outline compiled now, each LABEL lowered when asked for (LazyDocument),
// so a file of thousands of labels is never held as one tree. Whatever the split cannot settle
// with certainty, compile() (compiler.cpp) decides.
#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>

#include "context.hpp"
#include "diagnostic_codes.hpp"
#include "document.hpp"
#include "dotlabel/compiler.hpp"
#include "parse.hpp"
#include "source_map.hpp"

namespace dotlabel {
namespace {

// Labels lowered by compile_lazy() are kept for label() while their markup adds up to at most
// this: lowering a label again costs as much as the first time (a tenth of a small label's whole
// run), and a kept label takes about 3 times its markup (bench/make_labels.py: 430 bytes of
// markup, 1.3 KB lowered), so a file of thousands of labels still holds only a few MB.
constexpr std::size_t kKeptMarkupBytes = 1u << 20;

}  // namespace

struct LazyDocument::Impl {
  std::string text;         // the markup, BOM included; `map` and `children` point into it
  std::string_view markup;  // without the BOM
  Limits limits;
  std::string file;
  Diagnostics diagnostics;
  std::optional<SourceMap> map;
  std::optional<ir::Document> outline;  // no labels: those are in `children`
  std::vector<ChildSpan> children;
  std::vector<OutlineLabel> labels;  // ascending id
  // Clear while labels[i].lowered is there to hand out: label() takes it once.
  std::unique_ptr<std::atomic_flag[]> handed_out;
  // When the text could not be split into PAGE's children (compile() then decides): the labels
  // compile() lowered, if it accepted the text.
  std::optional<ir::Document> whole;
};

LazyDocument::LazyDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LazyDocument::LazyDocument(LazyDocument&&) noexcept = default;
LazyDocument& LazyDocument::operator=(LazyDocument&&) noexcept = default;
LazyDocument::~LazyDocument() = default;

const Diagnostics& LazyDocument::diagnostics() const {
  return impl_->diagnostics;
}
bool LazyDocument::ok() const {
  return impl_->outline.has_value();
}
const ir::Document& LazyDocument::outline() const {
  return *impl_->outline;
}

std::size_t LazyDocument::size() const {
  return impl_->whole ? impl_->whole->labels.size() : impl_->labels.size();
}

std::int64_t LazyDocument::id(std::size_t index) const {
  return impl_->whole ? impl_->whole->labels.at(index).id : impl_->labels.at(index).id;
}

std::optional<std::size_t> LazyDocument::find(std::int64_t id) const {
  for (std::size_t i = 0; i < size(); ++i)
    if (this->id(i) == id) return i;
  return std::nullopt;
}

ir::Label LazyDocument::label(std::size_t index) const {
  if (impl_->whole) return impl_->whole->labels.at(index);
  OutlineLabel& outline_label = impl_->labels.at(index);
  // A run asks for each label once, in order: the one compile_lazy() kept is moved out, and its
  // memory goes with it; asked again, the label is lowered again.
  if (!impl_->handed_out[index].test_and_set()) {
    ir::Label label = std::move(*outline_label.lowered);
    outline_label.lowered.reset();
    return label;
  }
  Diagnostics reported_before;  // by compile_lazy(): not again
  Context context(*impl_->map, impl_->limits, impl_->file, reported_before);
  std::optional<ir::Label> label =
      lower_outline_label(impl_->children.at(outline_label.child), impl_->outline->page, context);
  // The text is the one that compiled without error: lowering it again cannot fail.
  if (!label) throw std::logic_error("LazyDocument: a label no longer lowers");
  return std::move(*label);
}

LazyDocument compile_lazy(std::string markup, const CompileOptions& options, int threads) {
  auto impl = std::make_unique<LazyDocument::Impl>();
  impl->text = std::move(markup);
  impl->limits = options.limits;
  impl->file = options.file_name;
  // What compile() says settles every text that is refused or not split with certainty.
  auto compile_whole = [&] {
    CompileResult result = compile(impl->text, options);
    impl->diagnostics = std::move(result.diagnostics);
    impl->map.reset();
    impl->children = {};
    impl->labels = {};
    if (result.document) {
      impl->outline = ir::Document{result.document->file, result.document->page, {}};
      impl->whole = std::move(result.document);
    }
    return LazyDocument(std::move(impl));
  };
  if (impl->text.size() > options.limits.max_input_bytes) return compile_whole();
  impl->markup = impl->text;
  if (impl->markup.starts_with(kUtf8Bom)) impl->markup.remove_prefix(kUtf8Bom.size());

  impl->map.emplace(impl->markup);
  Diagnostics diagnostics;
  Context context(*impl->map, impl->limits, impl->file, diagnostics);
  std::optional<ir::Document> outline;
  {
    std::string buffer;  // the outline tree's text: freed with the tree
    pugi::xml_document tree;
    if (parse_outline(impl->markup, buffer, tree, impl->children, context))
      outline =
          lower_outline(tree, impl->children, context, impl->labels, threads, kKeptMarkupBytes);
  }
  if (!outline) return compile_whole();
  context.finish();
  if (has_errors(diagnostics)) return compile_whole();
  sort_by_position(diagnostics);
  impl->handed_out = std::make_unique<std::atomic_flag[]>(impl->labels.size());
  for (std::size_t i = 0; i < impl->labels.size(); ++i)
    if (!impl->labels[i].lowered) impl->handed_out[i].test_and_set();
  outline->file = impl->file;
  impl->outline = std::move(outline);
  impl->diagnostics = std::move(diagnostics);
  return LazyDocument(std::move(impl));
}

}  // namespace dotlabel
