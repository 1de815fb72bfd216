#include "document.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <map>
#include <system_error>
#include <thread>
#include <vector>

#include "attributes.hpp"
#include "diagnostic_codes.hpp"
#include "element_table.hpp"
#include "elements/elements.hpp"
#include "glyphs.hpp"
#include "placeholders.hpp"
#include "utf8.hpp"

namespace dotlabel {

SourcePos ElementInput::content_position(std::size_t byte_index, const Context& context) const {
  std::size_t index = 0;
  for (std::size_t i = 0; i < byte_index && i < content.text.size(); ++i)
    if (!utf8::is_continuation(static_cast<unsigned char>(content.text[i]))) ++index;
  return code_point_position(index, context);
}

SourcePos ElementInput::code_point_position(std::size_t index, const Context& context) const {
  if (index >= content.offsets.size()) return content_at;
  return context.position(content.offsets[index]);
}

std::vector<ir::ContentRun> ElementInput::content_runs(const Context& context) const {
  std::vector<ir::ContentRun> runs;
  const std::vector<std::size_t>& offsets = content.offsets;
  std::string_view source = context.map().text();
  for (std::size_t i = 1; i < offsets.size(); ++i) {
    // A character continues the run when it follows the previous one, which took one column:
    // neither a reference (&amp; decodes 1 byte of 5) nor a line end.
    std::size_t next = offsets[i - 1];
    bool line_end = source[next] == '\n' || source[next] == '\r';
    utf8::decode(source, next);
    if (!line_end && offsets[i] == next) continue;
    if (runs.empty()) runs.push_back({0, content_at});
    runs.push_back({i, context.position(offsets[i])});
  }
  return runs;
}

namespace {

bool is_text(pugi::xml_node node) {
  return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

std::vector<std::string_view> element_names() {
  std::vector<std::string_view> names;
  for (const ElementRule& rule : element_table()) names.push_back(rule.name);
  return names;
}

// What lowering one child of PAGE alone gave (lower_outline()): its diagnostics, and a LABEL's
// id or a CUTTER.
struct ChildResult {
  Diagnostics diagnostics;
  bool complete = false;  // false: it did not parse alone, or Context dropped diagnostics
  std::optional<std::int64_t> label_id;  // none for a LABEL that failed: an error is reported
  std::optional<ir::Cutter> cutter;
  std::optional<ir::Label> label;  // kept within lower_outline()'s budget
};

class Lowering {
 public:
  Lowering(Context& context, GlyphCoverage& glyphs) : context_(context), glyphs_(glyphs) {}

  // With `children`, `root` comes from parse_outline(): each child element is a placeholder for
  // the child parse_child() reads, lowered alone on `threads` threads, and a LABEL leaves only
  // its id and child index in `outline`. nullopt then also when a child does not parse alone.
  std::optional<ir::Document> run(pugi::xml_node root, const std::vector<ChildSpan>* children,
                                  std::vector<OutlineLabel>* outline, int threads,
                                  std::size_t keep_bytes) {
    const ElementRule* rule = resolve(root, nullptr);
    if (!rule) return std::nullopt;
    SourcePos at = position_of(root);
    Attributes attributes(root, offset_of(root), *rule, context_);
    DecodedContent no_content;
    ir::Page placeholder;
    std::optional<ir::Page> page =
        lower_page({*rule, at, attributes, no_content, at, placeholder}, context_);

    ir::Document document;
    if (page) document.page = *page;
    std::size_t placeholders = 0;
    for (pugi::xml_node child : root.children()) {
      if (is_text(child)) {
        reject_text(child, *rule);
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      if (!children) {
        lower_child(child, *rule, document);
        continue;
      }
      if (placeholders == children->size() || static_cast<std::size_t>(child.offset_debug()) - 1 !=
                                                  (*children)[placeholders].placeholder)
        return std::nullopt;
      ++placeholders;
    }
    if (children) {
      if (placeholders != children->size()) return std::nullopt;
      std::vector<ChildResult> results =
          lower_children_alone(*children, document.page, threads, keep_bytes);
      for (std::size_t index = 0; index < results.size(); ++index) {
        ChildResult& result = results[index];
        if (!result.complete) return std::nullopt;
        for (Diagnostic& d : result.diagnostics)
          context_.report(d.severity, d.code, d.pos, std::move(d.message), std::move(d.hint));
        if (result.label_id) {
          ++labels_seen_;
          outline->push_back({*result.label_id, index, std::move(result.label)});
        }
        if (result.cutter) document.page.cutters.push_back(*result.cutter);
      }
    }
    if (labels_seen_ == 0)
      context_.warning(codes::kNoLabel, at, "PAGE has no LABEL: nothing is printed",
                       "add <LABEL id=\"1\">...</LABEL>");
    std::stable_sort(document.labels.begin(), document.labels.end(),
                     [](const ir::Label& a, const ir::Label& b) { return a.id < b.id; });
    if (outline) {
      std::stable_sort(outline->begin(), outline->end(),
                       [](const OutlineLabel& a, const OutlineLabel& b) { return a.id < b.id; });
      // Labels lowered alone do not see each other's ids: compile() reports a duplicate.
      if (std::adjacent_find(outline->begin(), outline->end(),
                             [](auto& a, auto& b) { return a.id == b.id; }) != outline->end())
        return std::nullopt;
    }
    return document;
  }

  // A child of PAGE that parse_outline() found, lowered alone: its LABEL's id, the LABEL itself
  // when `keep`, and its CUTTER are kept.
  void lower_alone(ChildSpan child, const ir::Page& page, bool keep, ChildResult& result) {
    std::optional<ir::Document> lowered = lower_one(child, page);
    if (!lowered) return;
    if (!lowered->labels.empty()) {
      result.label_id = lowered->labels[0].id;
      if (keep) result.label = std::move(lowered->labels[0]);
    }
    if (!lowered->page.cutters.empty()) result.cutter = lowered->page.cutters[0];
    result.complete = !context_.dropped();
  }

  // A LABEL that parse_outline() found, lowered again on its own.
  std::optional<ir::Label> lower_label_alone(ChildSpan child, const ir::Page& page) {
    std::optional<ir::Document> lowered = lower_one(child, page);
    if (!lowered || lowered->labels.empty()) return std::nullopt;
    return std::move(lowered->labels[0]);
  }

 private:
  // A child of PAGE parsed alone and lowered as compile() lowers it, into a document of its
  // own: its LABEL or its CUTTER. nullopt when it does not parse alone.
  std::optional<ir::Document> lower_one(ChildSpan child, const ir::Page& page) {
    pugi::xml_document alone;
    if (!parse_child(context_.map().text(), child, alone)) return std::nullopt;
    base_ = child.begin;
    ir::Document lowered{{}, page, {}};
    lowered.page.cutters.clear();  // so that a CUTTER child is the only one
    lower_child(alone.document_element(), *find_element("PAGE"), lowered);
    return lowered;
  }

  // A LABEL or CUTTER child of PAGE.
  void lower_child(pugi::xml_node child, const ElementRule& page_rule, ir::Document& document) {
    const ElementRule* rule = resolve(child, &page_rule);
    if (!rule) return;
    if (rule->name == "LABEL") {
      if (std::optional<ir::Label> label = lower_label_element(child, *rule, document.page))
        document.labels.push_back(std::move(*label));
    } else if (std::optional<ir::Element> cutter = lower_leaf(child, *rule, document.page)) {
      document.page.cutters.push_back(std::get<ir::Cutter>(*cutter));
    }
  }

  // Every child on `threads` threads (the calling one among them), each thread with its own
  // Lowering, each child with its own diagnostics, merged in document order by run().
  std::vector<ChildResult> lower_children_alone(const std::vector<ChildSpan>& children,
                                                const ir::Page& page, int threads,
                                                std::size_t keep_bytes) {
    std::vector<ChildResult> results(children.size());
    // Children are taken a block at a time: taken one by one, the counters' cache line went
    // back and forth between the cores for every child (the lock-prefixed add was a seventh of
    // the lowering's extra time on two threads), and neighbouring results were written by
    // different threads.
    constexpr std::size_t kBlock = 32;
    std::atomic<std::size_t> next = 0;
    std::atomic<std::size_t> kept = 0;  // markup bytes of the children whose LABEL is kept
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(std::max(threads, 1)));
    auto work = [&](std::size_t thread) {
      try {
        GlyphCoverage glyphs;
        std::size_t line = 0;  // each child's positions follow the one before on this thread
        for (std::size_t first; (first = next.fetch_add(kBlock)) < children.size();) {
          const std::size_t last = std::min(children.size(), first + kBlock);
          std::size_t bytes = 0;
          for (std::size_t k = first; k < last; ++k) bytes += children[k].end - children[k].begin;
          std::size_t kept_before = kept.fetch_add(bytes);
          for (std::size_t k = first; k < last; ++k) {
            Context context(context_.map(), context_.limits(), context_.file(),
                            results[k].diagnostics);
            context.start_at_line(line);
            kept_before += children[k].end - children[k].begin;
            Lowering(context, glyphs)
                .lower_alone(children[k], page, kept_before <= keep_bytes, results[k]);
            line = context.line_hint();
          }
        }
      } catch (...) {
        errors[thread] = std::current_exception();
        next = children.size();
      }
    };
    std::vector<std::thread> pool;
    pool.reserve(errors.size());
    for (std::size_t t = 1; t < errors.size() && t < children.size(); ++t) {
      // A thread the system refuses leaves its share to the others (as in the run's pool).
      try {
        pool.emplace_back(work, t);
      } catch (const std::system_error&) {
        break;
      }
    }
    work(0);
    for (std::thread& thread : pool) thread.join();
    for (const std::exception_ptr& error : errors)
      if (error) std::rethrow_exception(error);
    return results;
  }

  // Offsets in the text: pugixml's count from the start of the buffer it parsed.
  std::size_t offset_of(pugi::xml_node node) const {
    return base_ + static_cast<std::size_t>(node.offset_debug());
  }

  SourcePos position_of(pugi::xml_node element) const {
    return context_.position(offset_of(element) - 1);
  }

  // The rule of `element` when it may appear inside `parent` (nullptr: the document root);
  // otherwise reports why not and returns nullptr.
  const ElementRule* resolve(pugi::xml_node element, const ElementRule* parent) {
    std::string_view name = element.name();
    SourcePos at = position_of(element);
    const ElementRule* rule = find_element(name);
    if (!rule) {
      std::string upper(name);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (const ElementRule* meant = find_element(upper)) {
        context_.error(codes::kElementCase, at,
                       "element <" + shorten(name) + "> must be written in upper case",
                       "write <" + std::string(meant->name) + ">");
        return nullptr;
      }
      std::vector<std::string_view> names = element_names();
      std::string_view suggestion = closest_name(name, names);
      context_.error(codes::kUnknownElement, at, "unknown element <" + shorten(name) + ">",
                     suggestion.empty()
                         ? "elements are PAGE, LABEL, TEXT, BARC, QRC, SQ, BL, REV, BMP, CUTTER"
                         : "did you mean <" + std::string(suggestion) + ">?");
      return nullptr;
    }
    std::string_view parent_name = parent ? parent->name : std::string_view{};
    bool allowed = parent ? std::find(rule->parents.begin(), rule->parents.end(), parent_name) !=
                                rule->parents.end()
                          : rule->parents.empty();
    if (allowed) return rule;
    if (!parent) {
      context_.error(
          codes::kMisplacedElement, at,
          "<" + std::string(name) + "> outside PAGE: the document must be one <PAGE> element",
          "wrap the labels in <PAGE w=\"...\" l=\"...\">...</PAGE>");
    } else if (rule->parents.empty()) {
      context_.error(
          codes::kMisplacedElement, at,
          "<PAGE> inside <" + std::string(parent_name) + ">: PAGE is the root and cannot be nested",
          "one PAGE per document; put its labels in the outer PAGE");
    } else {
      std::string where;
      for (std::string_view p : rule->parents)
        where += (where.empty() ? "<" : " or <") + std::string(p) + ">";
      context_.error(
          codes::kMisplacedElement, at,
          "<" + std::string(name) + "> is not allowed inside <" + std::string(parent_name) + ">",
          "put it directly inside " + where);
    }
    return nullptr;
  }

  void reject_text(pugi::xml_node text, const ElementRule& parent) {
    std::string_view value = text.value();
    std::size_t first = value.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos && text.type() == pugi::node_pcdata) return;
    std::string_view source = context_.map().text();
    std::size_t offset = offset_of(text);
    // Point at the first non-blank source character (the node's value may have been unescaped).
    std::size_t at = source.find_first_not_of(" \t\r\n", offset);
    context_.error(codes::kUnexpectedText,
                   context_.position(at == std::string_view::npos ? offset : at),
                   "text inside <" + std::string(parent.name) + ">: " + std::string(parent.name) +
                       " holds elements, not text",
                   "put text in a <TEXT x=\"...\" y=\"...\"> element");
  }

  std::optional<ir::Label> lower_label_element(pugi::xml_node element, const ElementRule& rule,
                                               const ir::Page& page) {
    ++labels_seen_;
    SourcePos at = position_of(element);
    Attributes attributes(element, offset_of(element), rule, context_);
    DecodedContent no_content;
    std::optional<ir::Label> label =
        lower_label({rule, at, attributes, no_content, at, page}, context_);
    if (label) {
      auto [first, inserted] = label_ids_.emplace(label->id, attributes.position("id"));
      if (!inserted) {
        context_.error(codes::kDuplicateLabelId, attributes.position("id"),
                       "LABEL id=\"" + std::string(attributes.text("id")) + "\" is used twice",
                       "the first is at line " + std::to_string(first->second.line) + ", column " +
                           std::to_string(first->second.column) + "; ids must be unique");
      }
    }
    // A file of thousands of labels keeps every label's IR: sized once, no spare capacity.
    if (label) {
      std::size_t children = 0;
      for (pugi::xml_node child : element.children())
        children += child.type() == pugi::node_element;
      label->elements.reserve(children);
    }
    for (pugi::xml_node child : element.children()) {
      if (is_text(child)) {
        reject_text(child, rule);
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const ElementRule* child_rule = resolve(child, &rule);
      if (!child_rule) continue;
      if (std::optional<ir::Element> lowered = lower_leaf(child, *child_rule, page);
          lowered && label)
        label->elements.push_back(std::move(*lowered));
    }
    if (label) label->elements.shrink_to_fit();  // when children were left out
    return label;
  }

  // Reads the text content of an element that takes some; elements inside are reported.
  DecodedContent read_content(pugi::xml_node element, const ElementRule& rule, SourcePos at,
                              SourcePos& content_at) {
    DecodedContent content;
    std::size_t max_positions =
        rule.content == ContentKind::text ? context_.limits().max_text_chars + 1 : 0;
    bool located = false;
    std::size_t first_offset = 0;
    for (pugi::xml_node child : element.children()) {
      if (child.type() == pugi::node_element) {
        context_.error(codes::kMisplacedElement, position_of(child),
                       "<" + shorten(child.name()) + "> is not allowed inside <" +
                           std::string(rule.name) + ">: " + std::string(rule.name) +
                           " holds text only",
                       "close <" + std::string(rule.name) + "> first");
        continue;
      }
      if (!is_text(child)) continue;
      std::size_t offset = offset_of(child);
      if (!located) {
        content_at = context_.position(offset);
        first_offset = offset;
        located = true;
      }
      decode_content(context_.map().text(), offset, child.type() == pugi::node_cdata, max_positions,
                     content);
    }
    if (located && context_.placeholders())
      context_.placeholders()->content(at, first_offset, content);
    if (!content.bad_entity.empty())
      context_.error(
          codes::kXmlSyntax, context_.position(content.bad_entity_offset),
          "undefined entity " + quote(content.bad_entity) + " in <" + std::string(rule.name) + ">",
          "write & as &amp;");
    return content;
  }

  // Any element that is not PAGE or LABEL.
  std::optional<ir::Element> lower_leaf(pugi::xml_node element, const ElementRule& rule,
                                        const ir::Page& page) {
    SourcePos at = position_of(element);
    Attributes attributes(element, offset_of(element), rule, context_);
    SourcePos content_at = at;
    DecodedContent content;
    if (rule.content == ContentKind::none) {
      for (pugi::xml_node child : element.children()) {
        if (is_text(child))
          reject_text(child, rule);
        else if (child.type() == pugi::node_element)
          context_.error(codes::kMisplacedElement, position_of(child),
                         "<" + shorten(child.name()) + "> is not allowed inside <" +
                             std::string(rule.name) + ">: " + std::string(rule.name) + " is empty",
                         "close it with /> and put the element after it");
      }
    } else {
      content = read_content(element, rule, at, content_at);
      if (!content.bad_entity.empty()) return std::nullopt;
      if (rule.content == ContentKind::text &&
          content.code_points > context_.limits().max_text_chars) {
        context_.error(codes::kContentTooLong, content_at,
                       "<" + std::string(rule.name) + "> content is " +
                           std::to_string(content.code_points) +
                           " characters, more than the limit of " +
                           std::to_string(context_.limits().max_text_chars),
                       "shorten it");
        return std::nullopt;
      }
    }
    ElementInput input{rule, at, attributes, content, content_at, page};
    std::string_view name = rule.name;
    auto wrap = [](auto lowered) -> std::optional<ir::Element> {
      if (!lowered) return std::nullopt;
      return ir::Element(std::move(*lowered));
    };
    if (name == "TEXT") return wrap(lower_text(input, context_, glyphs_));
    if (name == "BARC") return wrap(lower_barcode(input, context_));
    if (name == "QRC") return wrap(lower_qr(input, context_));
    if (name == "SQ") return wrap(lower_box(input, context_));
    if (name == "BL") return wrap(lower_bar(input, context_));
    if (name == "REV") return wrap(lower_reverse(input, context_));
    if (name == "BMP") return wrap(lower_image(input, context_));
    return wrap(lower_cutter(input, context_));
  }

  Context& context_;
  GlyphCoverage& glyphs_;
  std::size_t base_ = 0;  // where the buffer pugixml parsed starts in the text
  std::map<std::int64_t, SourcePos> label_ids_;
  int labels_seen_ = 0;
};

}  // namespace

std::optional<ir::Document> lower_document(const pugi::xml_document& document, Context& context) {
  GlyphCoverage glyphs;
  return Lowering(context, glyphs).run(document.document_element(), nullptr, nullptr, 1, 0);
}

std::optional<ir::Document> lower_outline(const pugi::xml_document& outline,
                                          const std::vector<ChildSpan>& children, Context& context,
                                          std::vector<OutlineLabel>& labels, int threads,
                                          std::size_t keep_bytes) {
  GlyphCoverage glyphs;
  return Lowering(context, glyphs)
      .run(outline.document_element(), &children, &labels, threads, keep_bytes);
}

std::optional<ir::Label> lower_outline_label(ChildSpan child, const ir::Page& page,
                                             Context& context) {
  GlyphCoverage glyphs;
  return Lowering(context, glyphs).lower_label_alone(child, page);
}

}  // namespace dotlabel
