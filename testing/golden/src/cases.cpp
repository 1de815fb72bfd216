// Golden cases: find them, render them, compare them with their expected images, update them.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "dotlabel/compiler.hpp"
#include "dotlabel/data.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/golden.hpp"
#include "dotlabel/pipeline.hpp"
#include "dotlabel/template.hpp"
#include "files.hpp"

namespace fs = std::filesystem;

namespace dotlabel::golden {

namespace {

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

fs::path with_suffix(const fs::path& stem, const std::string& suffix) {
  fs::path p = stem;
  p += suffix;
  return p;
}

// Files next to the case that look like its expected images (NAME.png, NAME-<n>.png,
// NAME-<row>-<id>.png) but belong to no label or row. They are another case's images when
// NAME-<n>.xml or NAME-<row>-<id>.xml exists.
std::vector<fs::path> find_stale(const fs::path& stem, const std::vector<ImageResult>& images) {
  std::vector<fs::path> stale;
  fs::path dir = stem.parent_path().empty() ? fs::path(".") : stem.parent_path();
  std::string name = stem.filename().string();
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".png" || !entry.is_regular_file(ec)) continue;
    std::string file_stem = p.stem().string();
    if (file_stem != name) {
      if (!file_stem.starts_with(name + "-")) continue;
      std::string_view numbers = std::string_view(file_stem).substr(name.size() + 1);
      std::size_t dash = numbers.find('-');
      if (!all_digits(numbers.substr(0, dash)) ||
          (dash != std::string_view::npos && !all_digits(numbers.substr(dash + 1))))
        continue;
      if (fs::exists(dir / (file_stem + ".xml"), ec)) continue;
      if (dash != std::string_view::npos &&
          fs::exists(dir / (name + "-" + std::string(numbers.substr(0, dash)) + ".xml"), ec))
        continue;
    }
    bool expected = std::any_of(images.begin(), images.end(), [&](const ImageResult& image) {
      return image.expected_path.filename() == p.filename();
    });
    if (!expected) stale.push_back(stem.parent_path() / p.filename());
  }
  std::sort(stale.begin(), stale.end());
  return stale;
}

void load_expected(ImageResult& image) {
  std::error_code ec;
  if (!fs::exists(image.expected_path, ec)) return;
  std::vector<std::uint8_t> bytes;
  std::string error;
  if (!read_file(image.expected_path, bytes, error)) {
    image.problem = error;
    return;
  }
  // An expected image is a label's render: as large as a label may be, not an embedded image.
  image.expected = decode_png(bytes, Limits{}.max_label_dots);
  if (!image.expected) {
    image.problem = "not a PNG image, or larger than a label may be";
    return;
  }
  image.comparison = compare(*image.expected, image.actual);
}

}  // namespace

std::string_view to_string(Status status) {
  switch (status) {
    case Status::pass:
      return "ok";
    case Status::new_case:
      return "NEW";
    case Status::fail:
    case Status::error:
      break;
  }
  return "FAIL";
}

SettingsResult read_settings(std::string_view markup) {
  SettingsResult read;
  CaseSettings& settings = read.settings;
  for (std::size_t at = markup.find("<!--"); at != std::string_view::npos;
       at = markup.find("<!--", at + 4)) {
    std::size_t end = markup.find("-->", at + 4);
    if (end == std::string_view::npos) break;
    std::istringstream words(std::string(markup.substr(at + 4, end - at - 4)));
    std::string word;
    if (!(words >> word) || word != "golden:") continue;
    while (words >> word) {
      if (word == "strip") {
        settings.strip = true;
      } else if (word == "as-fed") {
        settings.as_fed = true;
      } else {
        read.problem = "unknown word '" + word + "' in the golden comment (known: strip, as-fed)";
        return read;
      }
    }
    break;
  }
  return read;
}

namespace {

void make_errors(Diagnostics& diagnostics, bool werror) {
  if (werror)
    for (Diagnostic& d : diagnostics)
      if (d.severity == Severity::warning) d.severity = Severity::error;
}

// Draws `document` (its labels into `labels`) and adds its images to `images`, named after
// `stem` (NAME or, for a data row, NAME-<row>). False when the drawing has errors, which are
// then in `diagnostics` with the rest of the drawing's.
bool render_images(const Renderer& renderer, const ir::Document& document, const fs::path& stem,
                   const Options& options, CaseSettings settings, std::optional<std::size_t> row,
                   Diagnostics& diagnostics, std::vector<RenderedLabel>& labels,
                   std::vector<ImageResult>& images) {
  DrawOptions draw;
  draw.render = options.render;
  draw.render.as_fed = draw.render.as_fed || settings.as_fed;
  // A case that has failed already (a warning made an error) gets no strip.
  draw.strip = settings.strip && !has_errors(diagnostics);
  draw.werror = options.werror;
  Drawing drawn = draw_document(renderer, document, draw);
  make_errors(drawn.diagnostics, options.werror);
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(drawn.diagnostics.begin()),
                     std::make_move_iterator(drawn.diagnostics.end()));
  labels = std::move(drawn.labels);
  if (has_errors(diagnostics)) return false;

  if (settings.strip || labels.size() == 1) {
    ImageResult image;
    image.row = row;
    image.expected_path = with_suffix(stem, ".png");
    image.actual = settings.strip ? std::move(*drawn.strip) : labels[0].bitmap;
    images.push_back(std::move(image));
  } else {
    for (const RenderedLabel& label : labels) {
      ImageResult image;
      image.label = label.id;
      image.row = row;
      image.expected_path = with_suffix(stem, "-" + std::to_string(label.id) + ".png");
      image.actual = label.bitmap;
      images.push_back(std::move(image));
    }
  }
  return true;
}

// The expected images read and compared, stale ones found, the status set.
void compare_images(CaseResult& result, const fs::path& stem) {
  for (ImageResult& image : result.images) load_expected(image);
  result.stale = find_stale(stem, result.images);

  bool failed = !result.stale.empty();
  bool missing = false;
  for (const ImageResult& image : result.images) {
    if (!image.problem.empty() || (image.expected && !image.comparison.identical())) failed = true;
    if (!image.expected && image.problem.empty()) missing = true;
  }
  result.status = failed ? Status::fail : missing ? Status::new_case : Status::pass;
}

// The data file beside the case, NAME.csv, .tsv, .json, .jsonl or .ndjson: none, or a
// problem when there are several.
fs::path data_beside(const fs::path& stem, std::string& problem) {
  fs::path found;
  std::error_code ec;
  for (const char* extension : {".csv", ".tsv", ".json", ".jsonl", ".ndjson"}) {
    fs::path candidate = with_suffix(stem, extension);
    if (!fs::is_regular_file(candidate, ec)) continue;
    if (!found.empty()) {
      problem = found.string() + " and " + candidate.string() +
                ": a case has one data file; rename or remove one";
      return {};
    }
    found = candidate;
  }
  return found;
}

// A template case: every row of `data` bound, rendered and compared with NAME-<row>.png
// (NAME-<row>-<id>.png per label of a page with several).
CaseResult run_data_case(const Renderer& renderer, std::string markup, const fs::path& xml,
                         const fs::path& data, const Options& options, CaseSettings settings) {
  CaseResult result;
  result.file = xml;
  result.data = data;
  result.settings = settings;
  result.status = Status::error;
  std::optional<data::Format> format = data::format_from_extension(data.string());
  if (!format) {
    result.problem = data.string() + ": not a .csv, .tsv, .json, .jsonl or .ndjson data file";
    return result;
  }
  std::ifstream in(data, std::ios::binary);
  if (!in) {
    result.problem = data.string() + ": cannot be read";
    return result;
  }
  CompileOptions compile_options;
  compile_options.file_name = xml.string();
  compile_options.limits = options.renderer.limits;
  Template form = compile_template(std::move(markup), compile_options);
  result.diagnostics = form.diagnostics();
  if (!form.ok()) return result;

  data::ReadOptions read;
  read.format = *format;
  if (data.extension() == ".tsv") read.delimiter = '\t';
  read.file_name = data.string();
  fs::path stem = xml;
  stem.replace_extension();
  bool columns_bad = false, rows_bad = false, too_many = false;
  auto on_header = [&](const std::vector<std::string>& columns) {
    Diagnostics checked = form.check_columns(columns, read.file_name);
    columns_bad = has_errors(checked);
    result.diagnostics.insert(result.diagnostics.end(), checked.begin(), checked.end());
  };
  auto on_row = [&](data::Row& row) {
    if (columns_bad) return false;
    if (row.number > kMaxDataRows) {
      too_many = true;
      return false;
    }
    CompileResult bound = form.bind(row, read.file_name);
    make_errors(bound.diagnostics, options.werror);
    result.diagnostics.insert(result.diagnostics.end(), bound.diagnostics.begin(),
                              bound.diagnostics.end());
    if (!bound.ok() || has_errors(bound.diagnostics)) {
      rows_bad = true;
      return true;  // every bad row is reported, not only the first
    }
    CaseResult::Row& done = result.rows.emplace_back();
    done.number = row.number;
    done.document = std::move(*bound.document);
    Diagnostics rendered;
    if (!render_images(renderer, done.document, with_suffix(stem, "-" + std::to_string(row.number)),
                       options, settings, row.number, rendered, done.labels, result.images))
      rows_bad = true;
    result.diagnostics.insert(result.diagnostics.end(), rendered.begin(), rendered.end());
    return true;
  };
  Diagnostics read_errors = data::read_rows(in, read, on_row, on_header);
  result.diagnostics.insert(result.diagnostics.end(), read_errors.begin(), read_errors.end());
  if (too_many) {
    result.problem = data.string() + ": more than " + std::to_string(kMaxDataRows) +
                     " rows; a golden case is a test, keep its data small";
    return result;
  }
  if (columns_bad || rows_bad || has_errors(result.diagnostics)) return result;
  if (result.rows.empty()) {
    result.problem = data.string() + ": no rows";
    return result;
  }
  compare_images(result, stem);
  return result;
}

}  // namespace

CaseResult check_document(const Renderer& renderer, const ir::Document& document,
                          Diagnostics diagnostics, const fs::path& stem, const Options& options,
                          CaseSettings settings) {
  CaseResult result;
  result.file = with_suffix(stem, ".xml");
  result.settings = settings;
  result.diagnostics = std::move(diagnostics);
  make_errors(result.diagnostics, options.werror);
  result.document = document;
  if (render_images(renderer, document, stem, options, settings, std::nullopt, result.diagnostics,
                    result.labels, result.images)) {
    compare_images(result, stem);
  } else {
    result.images.clear();
    result.status = Status::error;
  }
  return result;
}

CaseResult run_case(const Renderer& renderer, const fs::path& xml, const Options& options) {
  auto start = std::chrono::steady_clock::now();
  auto finish = [&](CaseResult result) {
    result.file = xml;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };
  CaseResult failed;
  failed.status = Status::error;
  std::vector<std::uint8_t> bytes;
  if (!read_file(xml, bytes, failed.problem, options.renderer.limits.max_input_bytes))
    return finish(std::move(failed));
  std::string markup(bytes.begin(), bytes.end());
  SettingsResult settings = read_settings(markup);
  if (!settings.ok()) {
    failed.problem = std::move(settings.problem);
    return finish(std::move(failed));
  }
  fs::path stem = xml;
  stem.replace_extension();
  fs::path data = options.data.empty() ? data_beside(stem, failed.problem) : options.data;
  if (!failed.problem.empty()) return finish(std::move(failed));
  if (!data.empty())
    return finish(
        run_data_case(renderer, std::move(markup), xml, data, options, settings.settings));

  CompileOptions compile_options;
  compile_options.file_name = xml.string();
  compile_options.limits = options.renderer.limits;
  CompileResult compiled = compile(markup, compile_options);
  if (!compiled.ok()) {
    failed.diagnostics = std::move(compiled.diagnostics);
    failed.settings = settings.settings;
    return finish(std::move(failed));
  }
  return finish(check_document(renderer, *compiled.document, std::move(compiled.diagnostics), stem,
                               options, settings.settings));
}

CaseList find_cases(std::span<const fs::path> roots) {
  CaseList list;
  std::vector<CaseFile>& cases = list.cases;
  std::set<fs::path> seen;
  auto add = [&](const fs::path& path, fs::path relative) {
    if (seen.insert(path.lexically_normal()).second) cases.push_back({path, std::move(relative)});
  };
  for (const fs::path& root : roots) {
    std::error_code ec;
    fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      list.problem = root.string() + ": no such file or folder";
      return list;
    }
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".xml" && it->is_regular_file()) found.push_back(it->path());
      if (ec) {
        list.problem = root.string() + ": " + ec.message();
        return list;
      }
      std::sort(found.begin(), found.end());
      for (const fs::path& path : found) add(path, path.lexically_relative(root));
    } else if (root.extension() == ".xml") {
      add(root, root.filename());
    } else {
      list.problem = root.string() + ": not a folder or a .xml case";
      return list;
    }
  }
  return list;
}

UpdateResult update(const CaseResult& result) {
  UpdateResult done;
  if (result.status == Status::error) return done;
  for (const ImageResult& image : result.images) {
    if (image.matches()) continue;
    if (!write_file(image.expected_path, encode_png(image.actual), done.problem)) return done;
    done.written.push_back(image.expected_path);
  }
  for (const fs::path& path : result.stale) {
    std::error_code ec;
    if (!fs::remove(path, ec) && ec) {
      done.problem = path.string() + ": " + ec.message();
      return done;
    }
    done.removed.push_back(path);
  }
  return done;
}

WriteResult write_diff(const ImageResult& image, const fs::path& path) {
  WriteResult written;
  std::error_code ec;
  if (path.has_parent_path() && !fs::create_directories(path.parent_path(), ec) && ec) {
    written.problem = path.parent_path().string() + ": " + ec.message();
    return written;
  }
  write_file(path, diff_png(image.expected ? *image.expected : Bitmap(), image.actual),
             written.problem);
  return written;
}

fs::path diff_path(const CaseResult& result, const ImageResult& image, const fs::path& relative,
                   const fs::path& out_dir) {
  std::string name = image.expected_path.stem().string() + ".diff.png";
  if (out_dir.empty()) return result.file.parent_path() / name;
  return out_dir / relative.parent_path() / name;
}

std::vector<std::string> details(const CaseResult& result) {
  std::vector<std::string> lines;
  if (!result.problem.empty()) lines.push_back(result.problem);
  if (result.status == Status::error && result.problem.empty()) {
    auto errors = std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                                [](const Diagnostic& d) { return d.severity == Severity::error; });
    lines.push_back("not rendered: " + std::to_string(errors) +
                    (errors == 1 ? " error" : " errors"));
  }
  for (const ImageResult& image : result.images) {
    std::string path = image.expected_path.string();
    if (!image.problem.empty())
      lines.push_back(path + ": " + image.problem);
    else if (!image.expected)
      lines.push_back(path + ": no expected image");
    else if (!image.comparison.identical())
      lines.push_back(path + ": " + describe(image.comparison));
  }
  for (const fs::path& path : result.stale)
    lines.push_back(path.string() + ": expected image of no label");
  return lines;
}

}  // namespace dotlabel::golden
