// TSPL (TSC and compatible label printers): the job frame and raster mode. Native mode's
// element commands are in tspl_native.cpp.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "job.hpp"
#include "tspl.hpp"

namespace dotlabel::printer {
namespace tspl {

void line(std::vector<std::uint8_t>& out, std::string_view command) {
  append(out, command);
  append(out, "\r\n");
}

std::string mm(int dots) {
  // A dot is 1/8 mm, so three decimals are exact.
  std::string text = std::to_string(dots / ir::kDotsPerMm);
  int eighths = std::abs(dots % ir::kDotsPerMm);
  if (eighths != 0) {
    std::string fraction = std::to_string(eighths * 125);
    fraction.insert(0, 3 - fraction.size(), '0');
    while (fraction.back() == '0') fraction.pop_back();
    if (dots < 0 && dots > -ir::kDotsPerMm) text = "-0";
    text += "." + fraction;
  }
  return text + " mm";
}

std::string cutter_setting(const ir::Cutter& cutter) {
  switch (cutter.mode) {
    case ir::CutterMode::off:
      return "OFF";
    case ir::CutterMode::batch:
      return "BATCH";
    case ir::CutterMode::on:
      break;
  }
  return std::to_string(cutter.every >= 1 ? cutter.every : 1);
}

void bitmap(std::vector<std::uint8_t>& out, const Bitmap& image, int x, int y, int mode,
            std::size_t max_bytes) {
  const int stride = image.stride();
  const int band = static_cast<int>(
      std::max<std::size_t>(1, max_bytes / static_cast<std::size_t>(std::max(stride, 1))));
  for (int top = 0; top < image.height(); top += band) {
    int rows = std::min(band, image.height() - top);
    const std::uint8_t* first = image.row(top);
    const std::uint8_t* last = first + static_cast<std::size_t>(rows) * stride;
    // CLS leaves the label white: a blank band needs no command.
    if (mode == kOverwrite && std::all_of(first, last, [](std::uint8_t b) { return b == 0; }))
      continue;
    append(out, "BITMAP " + std::to_string(x) + "," + std::to_string(y + top) + "," +
                    std::to_string(stride) + "," + std::to_string(rows) + "," +
                    std::to_string(mode) + ",");
    // TSPL prints the 0 bits; the bitmap's (and its padding's) 0 bits are white.
    for (const std::uint8_t* p = first; p != last; ++p)
      out.push_back(static_cast<std::uint8_t>(~*p));
    append(out, "\r\n");
  }
}

}  // namespace tspl

Job to_tspl(const ir::Document& document, const Renderer& renderer, const TsplOptions& options) {
  using namespace tspl;
  Job job;
  std::vector<std::uint8_t>& out = job.bytes;
  const ir::Page& page = document.page;
  line(out, "SIZE " + mm(page.width) + "," + mm(page.length));
  // pt: 0 takes the kind of paper from ld, 1 is gap paper, 2 continuous, 3 black mark.
  bool continuous = page.paper_type == 2 || (page.paper_type == 0 && page.gap <= 0);
  if (page.paper_type == 3)
    line(out, "BLINE " + mm(page.gap) + ",0 mm");
  else if (continuous)
    line(out, "GAP 0,0");
  else
    line(out, "GAP " + mm(page.gap) + ",0 mm");

  std::string cutter;  // the SET CUTTER argument last sent
  auto print = [&](const ir::Label& label) {
    if (const ir::Cutter* c = cutter_of(label, page); c && cutter_setting(*c) != cutter) {
      cutter = cutter_setting(*c);
      line(out, "SET CUTTER " + cutter);
    }
    line(out, "PRINT 1," + std::to_string(label.copies));
  };

  bool drawn;
  if (options.mode == TsplMode::native) {
    drawn = native_labels(document, renderer, options, job,
                          [&](const ir::Label& label, const std::vector<std::uint8_t>& content) {
                            line(out, "DIRECTION " + std::to_string(label.direction) + "," +
                                          (label.mirror ? "1" : "0"));
                            line(out, "REFERENCE 0,0");
                            line(out, "CLS");
                            out.insert(out.end(), content.begin(), content.end());
                            print(label);
                          });
  } else {
    drawn = for_each_label(document, renderer, options.render, options.max_job_bytes, job,
                           [&](const ir::Label& label, const Bitmap& image) {
                             // The image is already mirrored as the preview shows it.
                             line(out, "DIRECTION " + std::to_string(label.direction) + ",0");
                             line(out, "REFERENCE 0,0");
                             line(out, "CLS");
                             bitmap(out, image, 0, 0, kOverwrite, options.max_bitmap_bytes);
                             print(label);
                           });
  }
  if (!drawn || !job.ok()) job.bytes.clear();
  return job;
}

}  // namespace dotlabel::printer
