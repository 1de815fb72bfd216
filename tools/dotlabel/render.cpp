// `dotlabel render FILE -o OUT` and `dotlabel base64 FILE`: the labels as the printer prints
// them, as image files or as base64 PNG lines for Xpyun printImage (docs/cli.md).
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "dotlabel/base64.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/encode.hpp"
#include "dotlabel/render.hpp"

namespace dotlabel::cli {
namespace {

struct RenderArgs {
  std::string file;
  std::string output;  // render only
  std::optional<std::int64_t> label;
  bool strip = false;
  bool as_fed = false;
  std::string logo;
  int jobs = 0;  // threads; 0 = every core this process may run on
  DiagnosticOptions diagnostics;
};

// What a run renders from, once the input has compiled. The labels are lowered one at a time
// as they are drawn (LazyDocument), so memory does not grow with their number.
struct Job {
  std::optional<LazyDocument> document;
  std::vector<std::size_t> labels;  // the indices in `document` to render, in id order
  RenderOptions options;
  std::optional<Renderer> renderer;
};

// Reads and compiles FILE and loads the renderer. Returns an exit code when the run ends here
// (input errors, usage or I/O errors), else fills `job`.
std::optional<int> prepare_job(const RenderArgs& args, DiagnosticPrinter& printer, Job& job) {
  CompileOptions compile_options;
  compile_options.file_name = args.file == "-" ? "<stdin>" : args.file;
  std::string markup, error;
  if (!read_markup(args.file, compile_options.limits.max_input_bytes, markup, error))
    return fail(error);
  RenderOptions render_options;
  render_options.as_fed = args.as_fed;
  if (!args.logo.empty()) {
    std::string logo;
    if (!read_input(args.logo, compile_options.limits.max_base64_bytes, logo, error))
      return fail(error);
    render_options.logo.assign(logo.begin(), logo.end());
  }

  LazyDocument document = compile_lazy(std::move(markup), compile_options,
                                       args.jobs > 0 ? args.jobs : available_cores());
  if (printer.report(document.diagnostics()) || !document.ok()) return kInputError;
  if (args.label) {
    std::optional<std::size_t> index = document.find(*args.label);
    if (!index)
      return fail(compile_options.file_name + " has no LABEL with id " +
                  std::to_string(*args.label));
    job.labels.push_back(*index);
  } else {
    for (std::size_t i = 0; i < document.size(); ++i) job.labels.push_back(i);
  }
  if (document.size() == 0) {  // the input's fault, not the command line's
    fail(compile_options.file_name + " has no LABEL to render");
    return kInputError;
  }

  try {
    RendererOptions renderer_options;
    renderer_options.limits = compile_options.limits;  // the strip is bounded by the same limits
    job.renderer.emplace(std::move(renderer_options));
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  job.document = std::move(document);
  job.options = std::move(render_options);
  return std::nullopt;
}

// --strip: every label in one bitmap (which the Renderer bounds as it bounds one label).
std::optional<int> render_strip(DiagnosticPrinter& printer, const Job& job, Bitmap& strip) {
  ir::Document document = job.document->outline();
  for (std::size_t index : job.labels) document.labels.push_back(job.document->label(index));
  RenderResult rendered = job.renderer->render(document, job.options);
  if (printer.report(std::move(rendered.diagnostics))) return kInputError;
  Renderer::StripResult result = job.renderer->strip(document, rendered.labels);
  if (printer.report(std::move(result.diagnostics)) || !result.bitmap) return kInputError;
  strip = std::move(*result.bitmap);
  return std::nullopt;
}

// One label's part of a run: its diagnostics and its output (an image file, or a base64 line).
struct LabelOutput {
  std::int64_t id = 0;
  Diagnostics diagnostics;
  std::vector<std::uint8_t> bytes;
  std::exception_ptr error;  // thrown while rendering it (out of memory), rethrown in order
};

// Calls produce(i) for i in [0, count) on `jobs` threads and consume(i, output) on this thread
// in order. Each thread takes the next label not yet taken, but never more than `window`
// labels ahead of the one consume() waits for: the outputs held at once stay bounded however
// many labels the file has, and the output order is that of the labels.
void in_order(std::size_t count, int jobs, const std::function<LabelOutput(std::size_t)>& produce,
              const std::function<void(std::size_t, LabelOutput&)>& consume) {
  if (jobs <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      LabelOutput output = produce(i);
      consume(i, output);
    }
    return;
  }
  // The writer waits for `batch` labels at a time, not for each: one wake-up per batch.
  const std::size_t window = static_cast<std::size_t>(jobs) * 16, batch = window / 2;
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::optional<LabelOutput>> slots(window);  // label i waits in slot i % window
  std::mutex mutex;
  std::condition_variable ready, room;
  std::size_t next = 0, consumed = 0;
  std::size_t first = kNone, last = kNone;  // labels the writer waits for, both
  bool stop = false;
  auto work = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || next >= count || next < consumed + window; });
        if (stop || next >= count) return;
        i = next++;
      }
      LabelOutput output;
      try {
        output = produce(i);
      } catch (...) {
        output = LabelOutput{};
        output.error = std::current_exception();
      }
      bool wake;
      {
        std::lock_guard lock(mutex);
        slots[i % window] = std::move(output);
        wake = i == first || i == last;
      }
      if (wake) ready.notify_one();
    }
  };
  std::vector<std::thread> threads;
  auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    for (std::thread& thread : threads) thread.join();
  };
  try {
    for (std::size_t t = 0; t < std::min(static_cast<std::size_t>(jobs), count); ++t)
      threads.emplace_back(work);
    std::vector<LabelOutput> taken;
    for (std::size_t i = 0; i < count;) {
      {
        std::unique_lock lock(mutex);
        first = i;
        last = std::min(count - 1, i + batch - 1);
        ready.wait(lock, [&] { return slots[first % window] && slots[last % window]; });
        first = last = kNone;
        for (std::size_t k = i; k < count && slots[k % window]; ++k) {
          taken.push_back(std::move(*slots[k % window]));
          slots[k % window].reset();
        }
        consumed = i + taken.size();
      }
      room.notify_all();
      for (LabelOutput& output : taken) {
        if (output.error) std::rethrow_exception(output.error);
        consume(i++, output);
      }
      taken.clear();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

// The outputs of a run, held until the run is known to succeed (input errors write nothing):
// in memory up to kMemory bytes, the rest in an unnamed temporary file, so that memory stays
// bounded for any number of labels.
class Spool {
 public:
  static constexpr std::size_t kMemory = 2u << 20;
  static constexpr std::size_t kFileBuffer = 256u << 10;
  Spool() = default;
  ~Spool() {
    if (file_) std::fclose(file_);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  bool add(std::int64_t id, const std::vector<std::uint8_t>& bytes, std::string& error) {
    entries_.push_back({id, bytes.size()});
    if (!file_ && memory_.size() + bytes.size() <= kMemory) {
      if (memory_.empty()) memory_.reserve(kMemory);  // no copies as it grows
      memory_.insert(memory_.end(), bytes.begin(), bytes.end());
      ++in_memory_;
      return true;
    }
    if (!file_) {
      if (!(file_ = std::tmpfile())) {
        error = std::string("cannot create a temporary file: ") + std::strerror(errno);
        return false;
      }
      // Big blocks, not stdio's 4 KB: the file is written by the thread that also hands out
      // the work, and read back before any output.
      std::setvbuf(file_, nullptr, _IOFBF, kFileBuffer);
    }
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      error = "cannot write the temporary file";
      return false;
    }
    return true;
  }

  // Calls write(id, bytes) for every output in order; stops at the first false.
  bool replay(const std::function<bool(std::int64_t, std::span<const std::uint8_t>)>& write,
              std::string& error) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < in_memory_; ++i) {
      if (!write(entries_[i].id, std::span(memory_).subspan(at, entries_[i].size))) return false;
      at += entries_[i].size;
    }
    if (!file_) return true;
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
      error = "cannot read the temporary file back";
      return false;
    }
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = in_memory_; i < entries_.size(); ++i) {
      bytes.resize(entries_[i].size);
      if (std::fread(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
        error = "cannot read the temporary file back";
        return false;
      }
      if (!write(entries_[i].id, bytes)) return false;
    }
    return true;
  }

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::int64_t id;
    std::size_t size;
  };
  std::vector<Entry> entries_;
  std::vector<std::uint8_t> memory_;
  std::size_t in_memory_ = 0;
  std::FILE* file_ = nullptr;
};

// Renders every label (or --label's) on --jobs threads, each label encoded by `encode`, into
// `spool` in label order; the diagnostics are those Renderer::render() gives, reported once at
// the end. Returns an exit code when the run ends here.
std::optional<int> render_labels(
    const RenderArgs& args, DiagnosticPrinter& printer, Job& job,
    const std::function<std::vector<std::uint8_t>(const Bitmap&)>& encode, Spool& spool) {
  const LazyDocument& document = *job.document;
  const Renderer& renderer = *job.renderer;
  // An impossible page is one error and no label (as render() reports it).
  if (Diagnostics page = renderer.prepare(document.outline()); has_errors(page))
    return printer.report(std::move(page)) ? kInputError : kOk;

  // Once a diagnostic fails the run nothing will be written: the labels after it are still
  // rendered for their diagnostics, but no longer encoded.
  auto fails = [&](const Diagnostics& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
      return d.severity == Severity::error ||
             (args.diagnostics.werror && d.severity == Severity::warning);
    });
  };
  Diagnostics all;
  std::set<std::string> font_problems;  // each label needing a broken font file reports it
  std::atomic<bool> failed = false;
  std::string error;
  bool io_failed = false;
  int jobs = args.jobs > 0 ? args.jobs : available_cores();
  in_order(
      job.labels.size(), jobs,
      [&](std::size_t i) {
        RenderResult result =
            renderer.render_label(document.outline(), document.label(job.labels[i]), job.options);
        LabelOutput output;
        output.diagnostics = std::move(result.diagnostics);
        output.id = result.labels[0].id;
        if (!failed.load(std::memory_order_relaxed) && !fails(output.diagnostics))
          output.bytes = encode(result.labels[0].bitmap);
        return output;
      },
      [&](std::size_t, LabelOutput& output) {
        if (fails(output.diagnostics)) failed = true;
        for (Diagnostic& d : output.diagnostics)
          if (!is_font_file_problem(d) || font_problems.insert(d.message).second)
            all.push_back(std::move(d));
        if (!failed && !io_failed && !spool.add(output.id, output.bytes, error)) io_failed = true;
      });
  if (printer.report(std::move(all))) return kInputError;
  if (io_failed) return fail(error);
  return std::nullopt;
}

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::vector<std::uint8_t> encode(const std::string& ext, const Bitmap& bitmap) {
  if (ext == ".pbm") return encode_pbm(bitmap);
  if (ext == ".pdf") return encode_pdf(bitmap);
  if (ext == ".svg") {
    std::string svg = encode_svg(bitmap);
    return {svg.begin(), svg.end()};
  }
  return encode_png(bitmap);
}

// OUT with "-<id>" before the extension: out.png -> out-1.png.
std::string per_label_path(const std::string& output, std::int64_t id) {
  std::filesystem::path path(output);
  std::filesystem::path name =
      path.stem().string() + "-" + std::to_string(id) + path.extension().string();
  return (path.parent_path() / name).string();
}

int run_render(const RenderArgs& args) {
  std::string ext = args.output == "-" ? ".png" : lower_extension(args.output);
  if (ext != ".png" && ext != ".pbm" && ext != ".svg" && ext != ".pdf")
    return fail(args.output + ": unknown output format '" + ext +
                "' (use .png, .pbm, .svg or .pdf)");
  DiagnosticPrinter printer(args.diagnostics);
  Job job;
  if (std::optional<int> code = prepare_job(args, printer, job)) return *code;
  std::string error;
  if (args.strip) {
    Bitmap strip;
    if (std::optional<int> code = render_strip(printer, job, strip)) return *code;
    if (!write_output(args.output, encode(ext, strip), error)) return fail(error);
    return kOk;
  }
  std::size_t count = job.labels.size();
  if (count > 1 && args.output == "-")
    return fail("the file has " + std::to_string(count) +
                " labels and standard output takes one image: use --label ID or --strip");
  Spool spool;
  auto encode_label = [&](const Bitmap& bitmap) { return encode(ext, bitmap); };
  if (std::optional<int> code = render_labels(args, printer, job, encode_label, spool))
    return *code;
  bool several = count > 1;
  // Every label's file is written before any replaces an existing one: all or nothing.
  StagedOutputs outputs;
  std::vector<std::string> paths;
  bool written = spool.replay(
      [&](std::int64_t id, std::span<const std::uint8_t> bytes) {
        if (args.output == "-") return write_output("-", bytes, error);  // one label
        paths.push_back(several ? per_label_path(args.output, id) : args.output);
        return outputs.add(paths.back(), bytes, error);
      },
      error);
  if (!written || !outputs.commit(error)) return fail(error);
  if (several)
    for (const std::string& path : paths) std::cout << path << '\n';
  return kOk;
}

int run_base64(const RenderArgs& args) {
  DiagnosticPrinter printer(args.diagnostics);
  Job job;
  if (std::optional<int> code = prepare_job(args, printer, job)) return *code;
  Spool spool;
  auto encode_line = [](const Bitmap& bitmap) {
    std::string line = base64_encode(encode_png(bitmap));
    std::vector<std::uint8_t> bytes(line.size() + 1, '\n');
    std::copy(line.begin(), line.end(), bytes.begin());
    return bytes;
  };
  if (std::optional<int> code = render_labels(args, printer, job, encode_line, spool)) return *code;
  // Written in blocks of about 1 MiB: few system calls, little memory.
  std::string error;
  std::vector<std::uint8_t> block;
  auto flush = [&] {
    bool ok = write_output("-", block, error);
    block.clear();
    return ok;
  };
  bool written = spool.replay(
      [&](std::int64_t, std::span<const std::uint8_t> line) {
        block.insert(block.end(), line.begin(), line.end());
        return block.size() < (1u << 20) || flush();
      },
      error);
  if (!written || !flush()) return fail(error);
  return kOk;
}

void add_common_options(CLI::App* command, RenderArgs& args) {
  command->add_option("FILE", args.file, "Label markup; - reads standard input")->required();
  command->add_option("--label", args.label, "Only the LABEL with this id");
  command->add_flag("--strip", args.strip,
                    "Every label in id order, each c times, separated by the ld gap, in one image");
  command->add_flag("--as-fed", args.as_fed, "Apply LABEL d: d=0 turns the label 180 degrees");
  command->add_option("--logo", args.logo,
                      "Image (PNG/JPEG/BMP) printed for a <BMP/> without content");
  command
      ->add_option("-j,--jobs", args.jobs,
                   "Threads rendering labels (default: every core); the output is the same")
      ->check(CLI::NonNegativeNumber);
  add_diagnostic_options(*command, args.diagnostics);
}

}  // namespace

void add_render_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command = app.add_subcommand("render", "Render FILE as the 203-dpi printer prints it");
  add_common_options(command, *args);
  command
      ->add_option("-o,--output", args->output,
                   "Output: .png (1-bit), .pbm, .svg or .pdf; - = PNG on stdout")
      ->required();
  command->callback([args, &action] { action = [args] { return run_render(*args); }; });
}

void add_base64_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RenderArgs>();
  CLI::App* command = app.add_subcommand(
      "base64", "Each label's 1-bit PNG in base64, one line per label (Xpyun printImage)");
  add_common_options(command, *args);
  command->callback([args, &action] { action = [args] { return run_base64(*args); }; });
}

}  // namespace dotlabel::cli
