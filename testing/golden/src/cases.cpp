// Golden cases: find them, render them, compare them with their expected images, update them.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/golden.hpp"
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

// Files next to the case that look like its expected images (NAME.png, NAME-<id>.png) but
// belong to no label. NAME-<id>.png is another case's image when NAME-<id>.xml exists.
std::vector<fs::path> find_stale(const fs::path& stem, const std::vector<ImageResult>& images) {
  std::vector<fs::path> stale;
  fs::path dir = stem.parent_path().empty() ? fs::path(".") : stem.parent_path();
  std::string name = stem.filename().string();
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".png" || !entry.is_regular_file(ec)) continue;
    std::string file_stem = p.stem().string();
    bool ours = file_stem == name ||
                (file_stem.size() > name.size() + 1 && file_stem.starts_with(name + "-") &&
                 all_digits(std::string_view(file_stem).substr(name.size() + 1)));
    if (!ours) continue;
    if (file_stem != name && fs::exists(dir / (file_stem + ".xml"), ec)) continue;
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
  image.expected = decode_png(bytes);
  if (!image.expected) {
    image.problem = "not a PNG image";
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

CaseResult check_document(const Renderer& renderer, const ir::Document& document,
                          Diagnostics diagnostics, const fs::path& stem, const Options& options,
                          CaseSettings settings) {
  CaseResult result;
  result.file = with_suffix(stem, ".xml");
  result.settings = settings;
  RenderOptions render_options = options.render;
  render_options.as_fed = render_options.as_fed || settings.as_fed;
  RenderResult rendered = renderer.render(document, render_options);
  result.diagnostics = std::move(diagnostics);
  result.diagnostics.insert(result.diagnostics.end(),
                            std::make_move_iterator(rendered.diagnostics.begin()),
                            std::make_move_iterator(rendered.diagnostics.end()));
  if (options.werror)
    for (Diagnostic& d : result.diagnostics)
      if (d.severity == Severity::warning) d.severity = Severity::error;
  result.document = document;
  result.labels = std::move(rendered.labels);
  if (has_errors(result.diagnostics)) {
    result.status = Status::error;
    return result;
  }

  if (settings.strip || result.labels.size() == 1) {
    ImageResult image;
    image.expected_path = with_suffix(stem, ".png");
    if (settings.strip) {
      Renderer::StripResult strip = renderer.strip(document, result.labels);
      if (!strip.bitmap) {
        result.diagnostics.insert(result.diagnostics.end(),
                                  std::make_move_iterator(strip.diagnostics.begin()),
                                  std::make_move_iterator(strip.diagnostics.end()));
        result.status = Status::error;
        return result;
      }
      image.actual = std::move(*strip.bitmap);
    } else {
      image.actual = result.labels[0].bitmap;
    }
    result.images.push_back(std::move(image));
  } else {
    for (const RenderedLabel& label : result.labels) {
      ImageResult image;
      image.label = label.id;
      image.expected_path = with_suffix(stem, "-" + std::to_string(label.id) + ".png");
      image.actual = label.bitmap;
      result.images.push_back(std::move(image));
    }
  }
  for (ImageResult& image : result.images) load_expected(image);
  result.stale = find_stale(stem, result.images);

  bool failed = !result.stale.empty();
  bool missing = false;
  for (const ImageResult& image : result.images) {
    if (!image.problem.empty() || (image.expected && !image.comparison.identical())) failed = true;
    if (!image.expected && image.problem.empty()) missing = true;
  }
  result.status = failed ? Status::fail : missing ? Status::new_case : Status::pass;
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

  CompileOptions compile_options;
  compile_options.file_name = xml.string();
  compile_options.limits = options.renderer.limits;
  CompileResult compiled = compile(markup, compile_options);
  if (!compiled.ok()) {
    failed.diagnostics = std::move(compiled.diagnostics);
    failed.settings = settings.settings;
    return finish(std::move(failed));
  }
  fs::path stem = xml;
  stem.replace_extension();
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
