#include "serve_server.hpp"

#include <httplib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string_view>
#include <type_traits>
#include <variant>

#include "dotlabel/base64.hpp"
#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/mstching.hpp"
#include "dotlabel/pipeline.hpp"
#include "dotlabel/template.hpp"
#include "serve_assets.hpp"

namespace dotlabel::cli {

namespace {

using json = nlohmann::json;

// A waiting GET /api/file returns after this long even when nothing changed, so that proxies
// and browsers never see a hung request; the page asks again at once.
constexpr auto kWatchTimeout = std::chrono::seconds(20);
// How often a waiting request looks at the file's mtime.
constexpr auto kWatchInterval = std::chrono::milliseconds(100);

// Every request that may do work (anything but GET and HEAD) must carry this header with the
// value "1". A page on another site can make the browser send a form post or a
// `fetch(..., {mode: "no-cors"})` without asking first, but not with a header of its own:
// that needs a CORS preflight, which this server, sending no CORS headers, never grants.
constexpr const char* kPageHeader = "X-Dotlabel";

// The element boxes /api/preview lists for the strip, one per element per copy: more are
// refused rather than built (each is a JSON object of seven members).
constexpr std::int64_t kMaxStripBoxes = 100'000;

// What a request that ran out of memory gets: the markup asked for more than there was.
constexpr const char* kOutOfMemory = "the markup needs more memory than the server could get";

// format_json defines the diagnostics' shape: splice its text in rather than re-encode it.
std::string with_diagnostics(const json& body, const Diagnostics& diagnostics) {
  std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  text.pop_back();  // the object's closing brace
  if (text.size() > 1) text += ',';
  return text + "\"diagnostics\":" + format_json(diagnostics) + '}';
}

// Never throws, as it also answers for handlers that threw: when not even the error can be
// built (memory), the status goes out alone.
void send_error(httplib::Response& res, int status, const std::string& message,
                const Diagnostics& diagnostics = {}) noexcept {
  res.status = status;
  try {
    res.set_content(with_diagnostics({{"error", message}}, diagnostics), "application/json");
  } catch (...) {
    res.body.clear();
  }
}

// What a request asks for: ?label=ID, ?strip=1, ?as_fed=1, ?row=N (of the loaded data).
struct Selection {
  std::optional<std::int64_t> label;
  bool strip = false;
  bool as_fed = false;
  std::optional<std::size_t> row;
};

bool parse_flag(const httplib::Request& req, const char* name, bool& value, std::string& error) {
  if (!req.has_param(name)) return true;
  std::string text = req.get_param_value(name);
  if (text == "1" || text == "true" || text.empty()) {
    value = true;
  } else if (text == "0" || text == "false") {
    value = false;
  } else {
    error = std::string("?") + name + "= takes 1 or 0, not \"" + text + "\"";
    return false;
  }
  return true;
}

bool parse_selection(const httplib::Request& req, Selection& selection, std::string& error) {
  if (req.has_param("label")) {
    std::string text = req.get_param_value("label");
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size()) {
      error = "?label= takes a LABEL id, not \"" + text + "\"";
      return false;
    }
    selection.label = id;
  }
  if (req.has_param("row")) {
    std::string text = req.get_param_value("row");
    std::size_t row = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), row);
    if (ec != std::errc() || end != text.data() + text.size() || row == 0) {
      error = "?row= takes a row number from 1, not \"" + text + "\"";
      return false;
    }
    selection.row = row;
  }
  if (!parse_flag(req, "strip", selection.strip, error) ||
      !parse_flag(req, "as_fed", selection.as_fed, error))
    return false;
  if (selection.label && selection.strip) {
    error = "?label= and ?strip= exclude each other";
    return false;
  }
  return true;
}

// The markup of one request compiled (filled from the selected row when data is loaded) and
// rendered as selected.
struct Outcome {
  int status = 200;         // 200, or the HTTP status of the failure
  std::string error;        // set when status != 200
  Diagnostics diagnostics;  // compiler's (with the row's values) then renderer's
  std::optional<ir::Document> document;
  std::vector<RenderedLabel> labels;  // the selected label, or every label for the strip
  Bitmap image;                       // what /api/render returns
  bool failed(int http_status, std::string message) {
    status = http_status;
    error = std::move(message);
    return false;
  }
};

// A data file loaded for the templates (serve --data, or POST /api/data): kept as its text,
// which the size limit bounds, and read again up to the row a request asks for, so that
// memory does not grow with the rows' number.
struct DataSet {
  std::string name;  // the file name diagnostics give
  data::ReadOptions read;
  std::string text;
  std::size_t rows = 0;
  std::vector<std::string> columns;
};

// Reads `text` through once: its rows counted, its columns; the data file's errors instead.
std::variant<DataSet, Diagnostics> read_data(std::string name, data::Format format, char delimiter,
                                             std::string text) {
  DataSet set;
  set.name = name;
  set.read.format = format;
  set.read.delimiter = delimiter;
  set.read.file_name = std::move(name);
  std::istringstream in(text);
  Diagnostics errors = data::read_rows(
      in, set.read,
      [&](data::Row&) {
        ++set.rows;
        return true;
      },
      [&](const std::vector<std::string>& columns) { set.columns = columns; });
  if (has_errors(errors)) return errors;
  set.text = std::move(text);
  return set;
}

// Row `number` (from 1) of `set`, or nothing when it has fewer rows.
std::optional<data::Row> row_of(const DataSet& set, std::size_t number) {
  std::optional<data::Row> found;
  std::istringstream in(set.text);
  data::read_rows(in, set.read, [&](data::Row& row) {
    if (row.number < number) return true;
    found = std::move(row);
    return false;
  });
  return found;
}

json data_json(const DataSet& set) {
  return {{"name", set.name}, {"rows", set.rows}, {"columns", set.columns}};
}

// The file the page follows, as one snapshot.
struct FileVersion {
  std::string version;  // changes whenever the file does (mtime, size, inode)
  bool exists = false;
};

FileVersion stat_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {"missing", false};
  // Editors that save by rename change the inode; those that truncate change mtime and size.
  return {std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "-" +
              std::to_string(st.st_size) + "-" + std::to_string(st.st_ino),
          true};
}

std::string_view content_type(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Why a request to the API is refused as coming from another site, or nothing. Browsers name
// the page that sent a request in Origin (on every POST, and on any cross-origin request) and
// say where it came from in Sec-Fetch-Site; curl and scripts send neither. The Host has been
// checked already, so an Origin naming that host and port is this server's own page.
std::optional<std::string> cross_site_refusal(const httplib::Request& req) {
  if (req.has_header("Origin")) {
    std::string origin = req.get_header_value("Origin");
    std::string host = req.get_header_value("Host");
    if (host.empty() || lowercase(origin) != "http://" + lowercase(host))
      return "Origin \"" + origin +
             "\" is not this server's page: the API answers it and scripts only";
    return std::nullopt;
  }
  if (req.has_header("Sec-Fetch-Site")) {
    std::string site = req.get_header_value("Sec-Fetch-Site");
    if (site != "same-origin" && site != "none")
      return "Sec-Fetch-Site \"" + site + "\": the API answers this server's page and scripts only";
  }
  return std::nullopt;
}

// Why a request that may do work lacks the page's header, or nothing.
std::optional<std::string> missing_page_header(const httplib::Request& req) {
  if (req.method == "GET" || req.method == "HEAD" || req.get_header_value(kPageHeader) == "1")
    return std::nullopt;
  return req.method + " " + req.path + " needs the header \"" + kPageHeader +
         ": 1\", which a page on another site cannot send (see docs/serve.md)";
}

// Why the strip of `labels` has too many element boxes to list, or nothing.
std::optional<std::string> strip_boxes_refusal(const std::vector<RenderedLabel>& labels) {
  std::int64_t boxes = 0;
  for (const RenderedLabel& label : labels)
    boxes +=
        std::int64_t{std::max(label.copies, 0)} * static_cast<std::int64_t>(label.boxes.size());
  if (boxes <= kMaxStripBoxes) return std::nullopt;
  return "the strip would have " + std::to_string(boxes) +
         " element boxes: more than the limit of " + std::to_string(kMaxStripBoxes) +
         "; show one label at a time";
}

// The server behind the interface: the routes over cpp-httplib.
struct HttpPreviewServer final : PreviewServer {
  const Renderer& renderer;
  ServeOptions options;
  httplib::Server server;
  int port = -1;

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;

  mutable std::mutex data_mutex;
  std::shared_ptr<const DataSet> data_set;  // guarded by data_mutex

  HttpPreviewServer(const Renderer& r, ServeOptions o) : renderer(r), options(std::move(o)) {
    routes();
  }

  CompileOptions compile_options() const {
    CompileOptions c;
    c.limits = options.limits;
    return c;
  }

  RenderOptions render_options(const Selection& selection) const {
    RenderOptions r;
    r.as_fed = selection.as_fed;
    r.logo = options.logo;
    return r;
  }

  // The data rows loaded now, or null. Requests take a snapshot: an upload does not change
  // the data under a request that is running.
  std::shared_ptr<const DataSet> loaded_data() const {
    std::lock_guard lock(data_mutex);
    return data_set;
  }

  // The document of `markup` for one request: compiled as it is, or, with data loaded, compiled
  // once as a template and filled from row ?row= (the first without it). False with the
  // HTTP status and the error in `out` when there is no document to render.
  bool document_for(std::string_view markup, const Selection& selection, Outcome& out) const {
    std::shared_ptr<const DataSet> rows = loaded_data();
    CompileResult compiled;
    if (!rows) {
      if (selection.row) return out.failed(400, "?row= needs data: load a data file first");
      compiled = compile(markup, compile_options());
    } else {
      std::size_t number = selection.row.value_or(1);
      if (number > rows->rows)
        return out.failed(404, "no row " + std::to_string(number) + ": " + rows->name + " has " +
                                   std::to_string(rows->rows) + " rows");
      Template form = compile_template(std::string(markup), compile_options());
      out.diagnostics = form.diagnostics();
      if (!form.ok()) return out.failed(422, "the markup has errors");
      Diagnostics columns = form.check_columns(rows->columns, rows->name);
      out.diagnostics.insert(out.diagnostics.end(), columns.begin(), columns.end());
      if (has_errors(columns)) return out.failed(422, "the markup has errors");
      std::optional<data::Row> row = row_of(*rows, number);
      if (!row) return out.failed(404, "no row " + std::to_string(number) + " in " + rows->name);
      compiled = form.bind(*row, rows->name);
    }
    out.diagnostics.insert(out.diagnostics.end(), compiled.diagnostics.begin(),
                           compiled.diagnostics.end());
    if (!compiled.ok()) return out.failed(422, "the markup has errors");
    out.document = std::move(compiled.document);
    return true;
  }

  // The one compile -> report -> render sequence of the endpoints that draw (draw_document, as
  // golden cases and submit draw). Draws the selected label (?label=, else the first), every
  // label and their strip, or every label whatever the selection with `every_label` (so that
  // the diagnostics cover the markup).
  Outcome render_labels(std::string_view markup, const Selection& selection,
                        bool every_label) const {
    Outcome out;
    if (!document_for(markup, selection, out)) return out;
    const ir::Document& doc = *out.document;
    if (doc.labels.empty()) {
      out.failed(422, "the page has no LABEL");
      return out;
    }
    if (selection.label && !doc.find_label(*selection.label)) {
      out.failed(404, "no LABEL with id " + std::to_string(*selection.label));
      return out;
    }
    DrawOptions draw;
    draw.render = render_options(selection);
    if (!every_label && !selection.strip) draw.label = selection.label.value_or(doc.labels[0].id);
    draw.strip = selection.strip;
    Drawing drawn = draw_document(renderer, doc, draw);
    out.diagnostics.insert(out.diagnostics.end(), drawn.diagnostics.begin(),
                           drawn.diagnostics.end());
    out.labels = std::move(drawn.labels);
    if (drawn.labels_failed) {
      out.failed(422, "the label cannot be rendered");
    } else if (drawn.strip_failed) {
      out.failed(422, "the strip cannot be drawn");
    } else if (drawn.strip) {
      out.image = std::move(*drawn.strip);
    }
    return out;
  }

  // The picture of a drawn outcome: the strip render_labels() drew, or the selected label (the
  // others dropped).
  void picture(Outcome& out, const Selection& selection) const {
    if (selection.strip) return;
    std::int64_t shown = selection.label.value_or(out.document->labels.front().id);
    std::erase_if(out.labels, [&](const RenderedLabel& label) { return label.id != shown; });
    out.image = out.labels.front().bitmap;
  }

  // Every diagnostic of the markup but the raster's, without drawing: dotlabel::check(), or
  // with data, the selected row's document resolved label by label (check_label).
  void check_markup(const httplib::Request& req, httplib::Response& res) const {
    Selection selection;
    std::string error;
    if (!parse_selection(req, selection, error)) return send_error(res, 400, error);
    if (!loaded_data()) {
      if (selection.row) return send_error(res, 400, "?row= needs data: load a data file first");
      return res.set_content(format_json(dotlabel::check(req.body, compile_options())),
                             "application/json");
    }
    Outcome out;
    if (document_for(req.body, selection, out)) {
      for (const ir::Label& label : out.document->labels) {
        Diagnostics resolved = check_label(*out.document, label, options.limits);
        out.diagnostics.insert(out.diagnostics.end(), resolved.begin(), resolved.end());
      }
    } else if (out.status != 422) {
      return send_error(res, out.status, out.error, out.diagnostics);
    }
    res.set_content(format_json(out.diagnostics), "application/json");
  }

  // Boxes as they appear on the picture (the renderer gives them mirrored and turned as the
  // dots are). In the strip, every copy of every label has its own, below the previous one
  // and the gap, as Renderer::strip stacks them.
  json boxes_json(const Outcome& out, const Selection& selection) const {
    json boxes = json::array();
    int top = 0;
    for (const RenderedLabel& rendered : out.labels) {
      int copies = selection.strip ? rendered.copies : 1;
      for (int copy = 0; copy < copies; ++copy) {
        for (const ElementBox& b : rendered.boxes) {
          boxes.push_back({{"label", rendered.id},
                           {"line", b.at.line},
                           {"column", b.at.column},
                           {"x", b.x},
                           {"y", top + b.y},
                           {"width", b.width},
                           {"height", b.height}});
        }
        top += rendered.bitmap.height() + std::max(out.document->page.gap, 0);
      }
    }
    return boxes;
  }

  // POST /api/preview: everything the page shows for one version of the markup, in one
  // response, so that a keystroke costs one compile and one render.
  void preview(const httplib::Request& req, httplib::Response& res) const {
    Selection selection;
    std::string error;
    if (!parse_selection(req, selection, error)) return send_error(res, 400, error);
    Outcome out = render_labels(req.body, selection, /*every_label=*/true);
    if (out.status == 200) picture(out, selection);
    if (out.status == 200 && selection.strip) {
      if (std::optional<std::string> error = strip_boxes_refusal(out.labels)) {
        out.status = 422;
        out.error = std::move(*error);
      }
    }
    json body = {{"ok", out.status == 200}};
    if (out.status != 200) body["error"] = out.error;
    if (out.document) {
      const ir::Page& page = out.document->page;
      body["page"] = {{"width", page.width}, {"length", page.length}, {"gap", page.gap}};
      json labels = json::array();
      for (const ir::Label& label : out.document->labels)
        labels.push_back({{"id", label.id}, {"copies", label.copies}});
      body["labels"] = std::move(labels);
    }
    if (std::shared_ptr<const DataSet> rows = loaded_data()) {
      body["data"] = data_json(*rows);
      body["data"]["row"] = selection.row.value_or(1);
    }
    if (out.status == 200) {
      body["view"] = {{"label", selection.strip ? json() : json(out.labels.front().id)},
                      {"strip", selection.strip},
                      {"width", out.image.width()},
                      {"height", out.image.height()}};
      body["png"] = base64_encode(encode_png(out.image));
      body["boxes"] = boxes_json(out, selection);
    }
    res.set_content(with_diagnostics(body, out.diagnostics), "application/json");
  }

  // POST /api/render: the PNG, as `dotlabel render -o -` writes it.
  void render_png(const httplib::Request& req, httplib::Response& res) const {
    Selection selection;
    std::string error;
    if (!parse_selection(req, selection, error)) return send_error(res, 400, error);
    Outcome out = render_labels(req.body, selection, /*every_label=*/false);
    if (out.status == 200) picture(out, selection);
    if (out.status != 200) return send_error(res, out.status, out.error, out.diagnostics);
    std::vector<std::uint8_t> png = encode_png(out.image);
    res.set_content(std::string(png.begin(), png.end()), "image/png");
  }

  // POST /api/base64: one line per label, as `dotlabel base64` prints them.
  void render_base64(const httplib::Request& req, httplib::Response& res) const {
    Selection selection;
    std::string error;
    if (!parse_selection(req, selection, error)) return send_error(res, 400, error);
    if (selection.strip) return send_error(res, 400, "?strip= applies to /api/render only");
    Outcome out = render_labels(req.body, selection, /*every_label=*/!selection.label);
    if (out.status != 200) return send_error(res, out.status, out.error, out.diagnostics);
    std::string lines;
    for (const RenderedLabel& label : out.labels)
      lines += base64_encode(encode_png(label.bitmap)) + '\n';
    res.set_content(lines, "text/plain; charset=utf-8");
  }

  // POST /api/mstching: the PrintContent JSON, as `dotlabel mstching` prints it.
  // ?mode=items|image, ?paper_width=DOTS.
  void mstching_json(const httplib::Request& req, httplib::Response& res) const {
    Selection selection;
    std::string error;
    if (!parse_selection(req, selection, error)) return send_error(res, 400, error);
    mstching::Options m;
    m.render = render_options(selection);
    m.limits = options.limits;
    std::string mode = req.has_param("mode") ? req.get_param_value("mode") : "items";
    if (mode == "image") {
      m.mode = mstching::Mode::image;
    } else if (mode != "items") {
      return send_error(res, 400, "?mode= takes items or image, not \"" + mode + "\"");
    }
    if (req.has_param("paper_width")) {
      std::string text = req.get_param_value("paper_width");
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), m.paper_width);
      if (ec != std::errc() || end != text.data() + text.size() || m.paper_width < 1 ||
          m.paper_width > mstching::kMaxPaperWidth)
        return send_error(res, 400,
                          "?paper_width= takes 1.." + std::to_string(mstching::kMaxPaperWidth) +
                              " dots, not \"" + text + "\"");
    }
    Outcome out;
    if (!document_for(req.body, selection, out))
      return send_error(res, out.status, out.error, out.diagnostics);
    mstching::Result converted = mstching::convert(*out.document, renderer, m);
    out.diagnostics.insert(out.diagnostics.end(), converted.diagnostics.begin(),
                           converted.diagnostics.end());
    if (!converted.ok())
      return send_error(res, 422, "the label cannot be converted", out.diagnostics);
    res.set_content(mstching::to_json(converted.items), "application/json");
  }

  // GET /api/data: the loaded data's name, rows and columns.
  void data_get(const httplib::Request&, httplib::Response& res) const {
    std::shared_ptr<const DataSet> rows = loaded_data();
    if (!rows) return send_error(res, 404, "no data loaded");
    res.set_content(data_json(*rows).dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json");
  }

  // POST /api/data?name=FILE[&format=csv|tsv|json|jsonl]: the body becomes the data every
  // request fills the markup from (the size limit is the markup's). A file with errors is
  // refused and the data loaded before stays.
  void data_post(const httplib::Request& req, httplib::Response& res) {
    std::string name = req.has_param("name") ? req.get_param_value("name") : "data.csv";
    std::string format = req.has_param("format") ? req.get_param_value("format") : "";
    if (!format.empty() && !data::format_from_name(format))
      return send_error(res, 400, "?format= takes csv, tsv, json or jsonl, not \"" + format + "\"");
    DataLoad loaded = load(name, format, req.body);
    if (!loaded.problem.empty()) return send_error(res, 400, loaded.problem);
    if (!loaded.ok()) return send_error(res, 422, "the data file has errors", loaded.diagnostics);
    res.set_content(data_json(*loaded_data()).dump(-1, ' ', false, json::error_handler_t::replace),
                    "application/json");
  }

  // Makes `text` the loaded data, read as `format` ("csv", "tsv", "json", "jsonl"; empty: from
  // the name's extension). When it has errors, the data loaded before stays.
  DataLoad load(std::string name, std::string_view format, std::string text) {
    std::optional<data::Format> read =
        format.empty() ? data::format_from_extension(name) : data::format_from_name(format);
    if (!read)
      return {"cannot tell the format of \"" + name +
                  "\": name a .csv, .tsv, .json or .jsonl file, or give the format",
              {}};
    bool tabs = format.empty() ? name.ends_with(".tsv") : format == "tsv";
    std::variant<DataSet, Diagnostics> loaded =
        read_data(std::move(name), *read, tabs ? '\t' : ',', std::move(text));
    if (Diagnostics* errors = std::get_if<Diagnostics>(&loaded)) return {"", std::move(*errors)};
    auto rows = std::make_shared<const DataSet>(std::move(std::get<DataSet>(loaded)));
    std::lock_guard lock(data_mutex);
    data_set = std::move(rows);
    return {};
  }

  // GET /api/file[?since=VERSION]: the followed file. With `since`, waits (up to
  // kWatchTimeout) until the file's version differs, then answers; `content` is there only
  // when the version changed, so an idle page costs one small request per kWatchTimeout.
  void file(const httplib::Request& req, httplib::Response& res) {
    if (options.file.empty())
      return send_error(res, 404, "dotlabel serve was started without FILE");
    std::optional<std::string> since;
    if (req.has_param("since")) since = req.get_param_value("since");
    FileVersion current = stat_file(options.file);
    {
      std::unique_lock lock(mutex);
      auto deadline = std::chrono::steady_clock::now() + kWatchTimeout;
      while (since && current.version == *since && !stopping &&
             std::chrono::steady_clock::now() < deadline) {
        wake.wait_for(lock, kWatchInterval, [this] { return stopping; });
        current = stat_file(options.file);
      }
    }
    json body = {{"path", options.file}, {"version", current.version}};
    if (!since || current.version != *since) {
      std::string content;
      Diagnostics unread;
      if (current.exists)
        unread = read_input(options.file, options.limits.max_input_bytes, content);
      if (!current.exists)
        body["error"] = options.file + ": no such file (yet)";
      else if (!unread.empty())
        body["error"] = unread.front().message;
      else
        body["content"] = content;
    }
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
  }

  // Requests must name this machine: a web page that rebinds its own domain to 127.0.0.1
  // could otherwise read the followed file and the labels through the visitor's browser.
  bool host_allowed(const std::string& header) const {
    if (header.empty()) return true;                                     // HTTP/1.0 scripts
    if (options.host == "0.0.0.0" || options.host == "::") return true;  // exposed on purpose
    std::string name = header;
    if (name.starts_with('[')) {
      name = name.substr(0, name.find(']') + 1);
    } else if (auto colon = name.rfind(':'); colon != std::string::npos) {
      name = name.substr(0, colon);
    }
    return name == "127.0.0.1" || name == "localhost" || name == "[::1]" || name == options.host ||
           name == "[" + options.host + "]";
  }

  // Why this server refuses `req` (403), or nothing.
  std::optional<std::string> refusal(const httplib::Request& req) const {
    if (!host_allowed(req.get_header_value("Host")))
      return "Host \"" + req.get_header_value("Host") + "\" is not this server";
    if (req.path.starts_with("/api/")) {
      if (std::optional<std::string> why = cross_site_refusal(req)) return why;
    }
    return missing_page_header(req);
  }

  // `handler` for requests refusal() lets through. The refusal is made here, once httplib has
  // read the body and before any work, rather than before routing: there the body would stay
  // on the connection and be read as the next request, one that passed no check.
  template <typename Handler>
  httplib::Server::Handler guarded(Handler handler) const {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      if (std::optional<std::string> why = refusal(req)) return send_error(res, 403, *why);
      handler(req, res);
    };
  }

  void routes() {
    using httplib::Request, httplib::Response;
    // Same origin only, no inline code: the page works offline and loads nothing from elsewhere.
    server.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
    });
    server.set_payload_max_length(options.limits.max_input_bytes);
    // httplib's default also sets SO_REUSEPORT, which lets a second `dotlabel serve` bind the
    // same port and take half of the requests: keep SO_REUSEADDR (quick restarts) only.
    server.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Short, so that stop() does not wait long for an idle browser connection to time out.
    server.set_keep_alive_timeout(1);
    // httplib's own refusals (404, 413 over the size limit, ...) come with an empty body.
    // Both run outside httplib's own try (or within its catch), where an exception would end
    // the process: neither lets one out.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const Request&, Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          try {
            send_error(res, res.status,
                       res.status == 413   ? "the markup is larger than the input limit"
                       : res.status == 404 ? "no such page or API endpoint"
                                           : "HTTP " + std::to_string(res.status));
          } catch (...) {
            // The message could not be built: the status alone.
          }
          return httplib::Server::HandlerResponse::Handled;
        }));
    // Whatever a request made throw, the answer is an error and the server serves on.
    server.set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
      res.status = 500;
      res.body.clear();
      try {
        try {
          std::rethrow_exception(ep);
        } catch (const std::bad_alloc&) {
          send_error(res, 422, kOutOfMemory);
        } catch (const std::length_error&) {
          send_error(res, 422, kOutOfMemory);
        } catch (const std::exception& e) {
          send_error(res, 500, std::string("internal error: ") + e.what());
        } catch (...) {
          send_error(res, 500, "internal error");
        }
      } catch (...) {
        // Not even the message could be built: the status alone.
      }
    });

    for (const serve_assets::Asset& asset : serve_assets::kAssets) {
      auto handler = [&asset](const Request&, Response& res) {
        res.set_content(asset.body.data(), asset.body.size(),
                        std::string(content_type(asset.name)));
      };
      server.Get("/" + std::string(asset.name), guarded(handler));
      if (asset.name == "index.html") server.Get("/", guarded(handler));
    }
    server.Post("/api/preview", guarded([this](const Request& q, Response& s) { preview(q, s); }));
    server.Post("/api/render",
                guarded([this](const Request& q, Response& s) { render_png(q, s); }));
    server.Post("/api/base64",
                guarded([this](const Request& q, Response& s) { render_base64(q, s); }));
    server.Post("/api/mstching",
                guarded([this](const Request& q, Response& s) { mstching_json(q, s); }));
    server.Post("/api/check",
                guarded([this](const Request& q, Response& s) { check_markup(q, s); }));
    server.Get("/api/data", guarded([this](const Request& q, Response& s) { data_get(q, s); }));
    server.Post("/api/data", guarded([this](const Request& q, Response& s) { data_post(q, s); }));
    server.Delete("/api/data", guarded([this](const Request&, Response& s) {
                    std::lock_guard lock(data_mutex);
                    data_set.reset();
                    s.set_content(R"({"rows":0})", "application/json");
                  }));
    server.Get("/api/file", guarded([this](const Request& q, Response& s) { file(q, s); }));
  }

  int bind() override {
    if (options.port == 0) {
      port = server.bind_to_any_port(options.host);
    } else if (server.bind_to_port(options.host, options.port)) {
      port = options.port;
    }
    return port;
  }

  bool run() override { return server.listen_after_bind(); }

  void stop() override {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    server.stop();
  }

  DataLoad load_data(std::string name, std::string_view format, std::string text) override {
    return load(std::move(name), format, std::move(text));
  }

  std::string url() const override {
    std::string host = options.host;
    // A wildcard address is not a place to browse to: the loopback one is always among them.
    if (host == "0.0.0.0") host = "127.0.0.1";
    if (host == "::") host = "::1";
    if (host.find(':') != std::string::npos) host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(port) + "/";
  }
};

}  // namespace

}  // namespace dotlabel::cli

// The module's only exports (serve_server.hpp): everything else in it is hidden.
extern "C" __attribute__((visibility("default"))) const char* dotlabel_serve_module_version() {
  return dotlabel::cli::kServeModuleVersion;
}

extern "C" __attribute__((visibility("default"))) dotlabel::cli::PreviewServer*
dotlabel_serve_make_server(const dotlabel::Renderer& renderer,
                           const dotlabel::cli::ServeOptions& options) {
  return new dotlabel::cli::HttpPreviewServer(renderer, options);
}

// The CLI calls them through these types: a change to either side that the other does not
// follow is a compile error, not a crash.
static_assert(std::is_same_v<decltype(dotlabel_serve_module_version),
                             dotlabel::cli::ServeModuleVersionFunction>);
static_assert(std::is_same_v<decltype(dotlabel_serve_make_server),
                             dotlabel::cli::ServeModuleFactoryFunction>);
