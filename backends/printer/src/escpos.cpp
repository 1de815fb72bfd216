// ESC/POS (receipt printers): each label as raster GS v 0 bands on continuous paper.
#include <algorithm>
#include <string>

#include "diagnostic_codes.hpp"
#include "job.hpp"

namespace dotlabel::printer {
namespace {

constexpr std::uint8_t kEsc = 0x1B, kGs = 0x1D;

// Nearest neighbour: every output dot takes the source dot under its centre, so bars keep
// hard edges and the picture stays black and white.
Bitmap scale_to_width(const Bitmap& source, int width) {
  int height = std::max(
      1, static_cast<int>((static_cast<long long>(source.height()) * width + source.width() / 2) /
                          source.width()));
  Bitmap out(width, height);
  for (int y = 0; y < height; ++y) {
    int sy = static_cast<int>((2LL * y + 1) * source.height() / (2LL * height));
    for (int x = 0; x < width; ++x)
      if (source.get(static_cast<int>((2LL * x + 1) * source.width() / (2LL * width)), sy))
        out.set(x, y, true);
  }
  return out;
}

void raster(std::vector<std::uint8_t>& out, const Bitmap& image) {
  const int stride = image.stride();
  for (int top = 0; top < image.height(); top += kEscPosBandRows) {
    int rows = std::min(kEscPosBandRows, image.height() - top);
    // GS v 0 m xL xH yL yH: normal density, width in bytes, height in dots; a 1 bit prints.
    const std::uint8_t header[] = {kGs,
                                   'v',
                                   '0',
                                   0,
                                   static_cast<std::uint8_t>(stride & 0xFF),
                                   static_cast<std::uint8_t>(stride >> 8),
                                   static_cast<std::uint8_t>(rows & 0xFF),
                                   static_cast<std::uint8_t>(rows >> 8)};
    out.insert(out.end(), std::begin(header), std::end(header));
    out.insert(out.end(), image.row(top), image.row(top) + static_cast<std::size_t>(rows) * stride);
  }
}

// ESC J n: feed n dots (vertical motion units, a dot on 203-dpi printers), 255 at most each.
void feed(std::vector<std::uint8_t>& out, int dots) {
  for (; dots > 0; dots -= 255) {
    const std::uint8_t command[] = {kEsc, 'J', static_cast<std::uint8_t>(std::min(dots, 255))};
    out.insert(out.end(), std::begin(command), std::end(command));
  }
}

// GS V 65 0: feed to the cutter (which sits above the head) and cut.
void cut(std::vector<std::uint8_t>& out) {
  const std::uint8_t command[] = {kGs, 'V', 65, 0};
  out.insert(out.end(), std::begin(command), std::end(command));
}

}  // namespace

Job to_escpos(const ir::Document& document, const Renderer& renderer,
              const EscPosOptions& options) {
  Job job;
  if (options.paper_width < 0 || options.paper_width > kMaxPaperWidth) {
    job.diagnostics.push_back({document.file,
                               {},
                               Severity::error,
                               std::string(codes::kEscposPaperWidth),
                               "paper width " + std::to_string(options.paper_width) +
                                   " dots is outside 0.." + std::to_string(kMaxPaperWidth),
                               "receipt paper is 384 dots (58 mm) or 576 dots (80 mm) wide"});
    return job;
  }
  const ir::Page& page = document.page;
  if (options.paper_width > 0 && page.width > options.paper_width) {
    if (!options.scale_to_paper) {
      job.diagnostics.push_back(
          {document.file, page.at, Severity::error, std::string(codes::kEscposTooWide),
           "the label is " + std::to_string(page.width) + " dots wide; the paper only " +
               std::to_string(options.paper_width),
           "use wider paper (--width) or scale the label down to it (--scale)"});
      return job;
    }
    job.diagnostics.push_back(
        {document.file, page.at, Severity::warning, std::string(codes::kEscposScaled),
         "the " + std::to_string(page.width) + "-dot label is scaled down to the " +
             std::to_string(options.paper_width) + "-dot paper",
         "thin bars and QR modules may merge or vanish: check that the codes still scan"});
  }

  std::vector<std::uint8_t>& out = job.bytes;
  if (!options.continues) out.insert(out.end(), {kEsc, '@'});
  // Labels printed since the last cut, for CUTTER p (cut every p labels).
  int since_cut = 0;
  bool batch_cut = false, first = !options.continues;
  bool drawn = for_each_label(
      document, renderer, options.render, options.max_job_bytes, job,
      [&](const ir::Label& label, const Bitmap& image) {
        Bitmap scaled;
        const Bitmap* paper_image = &image;
        if (options.paper_width > 0 && image.width() > options.paper_width) {
          scaled = scale_to_width(image, options.paper_width);
          paper_image = &scaled;
        }
        const ir::Cutter* cutter = cutter_of(label, page);
        // ESC/POS has no copy count: each copy is sent again. The job stops
        // growing past its limit, which for_each_label then reports.
        for (int copy = 0; copy < label.copies && out.size() <= options.max_job_bytes; ++copy) {
          if (!first) feed(out, page.gap);
          first = false;
          raster(out, *paper_image);
          if (!cutter || cutter->mode == ir::CutterMode::off) continue;
          if (cutter->mode == ir::CutterMode::batch) {
            batch_cut = true;
          } else if (++since_cut >= std::max(cutter->every, 1)) {
            cut(out);
            since_cut = 0;
          }
        }
      });
  if (batch_cut) cut(out);
  if (!drawn || !job.ok()) job.bytes.clear();
  return job;
}

}  // namespace dotlabel::printer
