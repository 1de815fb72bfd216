// The TSPL and ESC/POS encoders on small documents: native programs against snapshots written
// by hand from the TSPL manual, the job frame (SIZE, GAP/BLINE, DIRECTION, cutter), GBK text,
// and the ESC/POS paper width, bands and cuts.
#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>

#include "dotlabel/compiler.hpp"
#include "dotlabel/printer_language.hpp"
#include "printer_reader.hpp"

using namespace dotlabel;

namespace {

const Renderer& renderer() {
  static const Renderer shared;
  return shared;
}

ir::Document document_of(const std::string& markup) {
  CompileResult compiled = compile(markup);
  std::string problems;
  for (const Diagnostic& d : compiled.diagnostics) problems += format_text(d) + "\n";
  EXPECT_TRUE(compiled.document) << problems;
  return compiled.document ? *compiled.document : ir::Document{};
}

std::string text_of(const std::vector<std::uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

printer::Job native(const std::string& markup) {
  printer::TsplOptions options;
  options.mode = printer::TsplMode::native;
  return printer::to_tspl(document_of(markup), renderer(), options);
}

// The commands between CLS and PRINT of a one-label page 50 x 30 mm holding `elements`.
std::string native_content(const std::string& elements) {
  printer::Job job =
      native("<PAGE w=\"50\" l=\"30\"><LABEL id=\"1\">" + elements + "</LABEL></PAGE>");
  EXPECT_TRUE(job.ok());
  std::string program = text_of(job.bytes);
  std::size_t from = program.find("CLS\r\n"), to = program.find("PRINT ");
  if (from == std::string::npos || to == std::string::npos) return "no CLS..PRINT in " + program;
  return program.substr(from + 5, to - from - 5);
}

bool has_code(const Diagnostics& diagnostics, const std::string& code) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [&](const Diagnostic& d) { return d.code == code; });
}

TEST(TsplNative, TextFontsAreTheResidentOnesAndTheChineseFiles) {
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"1\">AB</TEXT>"),
            "TEXT 8,16,\"1\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"2\">AB</TEXT>"),
            "TEXT 8,16,\"2\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\">AB</TEXT>"),
            "TEXT 8,16,\"3\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"4\">AB</TEXT>"),
            "TEXT 8,16,\"4\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"5\">AB</TEXT>"),
            "TEXT 8,16,\"5\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"6\">AB</TEXT>"),
            "TEXT 8,16,\"6\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"7\">AB</TEXT>"),
            "TEXT 8,16,\"TSS24.BF2\",0,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"8\">AB</TEXT>"),
            "TEXT 8,16,\"TSS16.BF2\",0,1,1,\"AB\"\r\n");
}

TEST(TsplNative, TextMultipliersRotationAlignmentAndQuotes) {
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\" xw=\"2\" yh=\"3\">AB</TEXT>"),
            "TEXT 8,16,\"3\",0,2,3,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\" r=\"90\">AB</TEXT>"),
            "TEXT 8,16,\"3\",90,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\" r=\"180\">AB</TEXT>"),
            "TEXT 8,16,\"3\",180,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\" r=\"270\">AB</TEXT>"),
            "TEXT 8,16,\"3\",270,1,1,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"25\" y=\"2\" f=\"3\" a=\"center\">AB</TEXT>"),
            "TEXT 200,16,\"3\",0,1,1,2,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\" a=\"right\">AB</TEXT>"),
            "TEXT 8,16,\"3\",0,1,1,3,\"AB\"\r\n");
  EXPECT_EQ(native_content("<TEXT x=\"1\" y=\"2\" f=\"3\">say &quot;hi&quot;</TEXT>"),
            "TEXT 8,16,\"3\",0,1,1,\"say \\[\"]hi\\[\"]\"\r\n");
}

TEST(TsplNative, TextNotesThatThePrinterFontsDifferFromThePreview) {
  printer::Job job = native(
      "<PAGE w=\"50\" l=\"30\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"1\">A</TEXT>"
      "<TEXT x=\"1\" y=\"5\">B</TEXT></LABEL></PAGE>");
  EXPECT_EQ(std::count_if(job.diagnostics.begin(), job.diagnostics.end(),
                          [](const Diagnostic& d) { return d.code == "DL0554"; }),
            1);
}

TEST(TsplNative, ChineseTextIsSentInGbkAndReadsBack) {
  std::string content = native_content("<TEXT x=\"1\" y=\"2\" f=\"7\">中文ABC</TEXT>");
  EXPECT_EQ(content,
            "TEXT 8,16,\"TSS24.BF2\",0,1,1,\"\xD6\xD0\xCE\xC4"
            "ABC\"\r\n");
  // Back from GBK with the system's converter, independently of the encoder.
  std::string gbk = content.substr(content.find(",\"\xD6") + 2);
  gbk = gbk.substr(0, gbk.find('"'));
  iconv_t cd = iconv_open("UTF-8", "GBK");
  ASSERT_NE(cd, reinterpret_cast<iconv_t>(-1));
  char out[64];
  char* in = gbk.data();
  char* o = out;
  std::size_t in_left = gbk.size(), out_left = sizeof out;
  ASSERT_NE(iconv(cd, &in, &in_left, &o, &out_left), static_cast<std::size_t>(-1));
  iconv_close(cd);
  EXPECT_EQ(std::string(out, o), "中文ABC");
}

TEST(TsplNative, TextTheResidentFontLacksIsSentAsABitmapWithANote) {
  printer::Job job = native(
      "<PAGE w=\"50\" l=\"30\"><LABEL id=\"1\"><TEXT x=\"1\" y=\"2\" f=\"3\">é</TEXT>"
      "</LABEL></PAGE>");
  std::string program = text_of(job.bytes);
  EXPECT_EQ(program.find("TEXT "), std::string::npos);
  EXPECT_NE(program.find("CLS\r\nBITMAP "), std::string::npos);
  EXPECT_TRUE(has_code(job.diagnostics, "DL0553"));
}

// A control character in a TSPL string would act on the printer: ESC ! R (its reset) runs
// wherever it stands, a line break ends the command. TEXT and QRC holding one are bitmaps.
TEST(TsplNative, ControlCharactersNeverReachATsplString) {
  for (const char* element :
       {"<TEXT x=\"1\" y=\"2\">A&#27;!R</TEXT>", "<TEXT x=\"1\" y=\"2\" f=\"8\">A&#7;B</TEXT>",
        "<QRC x=\"1\" y=\"2\">A&#27;!R</QRC>", "<QRC x=\"1\" y=\"2\">A&#10;PRINT 100</QRC>"}) {
    SCOPED_TRACE(element);
    printer::Job job = native(std::string("<PAGE w=\"50\" l=\"30\"><LABEL id=\"1\">") + element +
                              "</LABEL></PAGE>");
    std::string program = text_of(job.bytes);
    EXPECT_EQ(program.find("TEXT "), std::string::npos);
    EXPECT_EQ(program.find("QRCODE "), std::string::npos);
    EXPECT_NE(program.find("CLS\r\nBITMAP "), std::string::npos);
    EXPECT_TRUE(has_code(job.diagnostics, "DL0553"));
  }
}

TEST(TsplNative, BarcodeTypes) {
  auto barc = [](const std::string& type, const std::string& content) {
    return native_content("<BARC x=\"2\" y=\"2\" a=\"left\" ct=\"" + type + "\">" + content +
                          "</BARC>");
  };
  EXPECT_EQ(barc("code128", "ABC"), "BARCODE 16,16,\"128\",50,2,0,2,2,\"ABC\"\r\n");
  EXPECT_EQ(barc("code93", "ABC"), "BARCODE 16,16,\"93\",50,2,0,2,2,\"ABC\"\r\n");
  EXPECT_EQ(barc("bara", "123456"), "BARCODE 16,16,\"CODA\",50,2,0,2,5,\"A123456A\"\r\n");
  EXPECT_EQ(barc("itfa", "1234"), "BARCODE 16,16,\"25\",50,2,0,2,5,\"1234\"\r\n");
  EXPECT_EQ(barc("code39a", "CODE39"), "BARCODE 16,16,\"39\",50,2,0,2,5,\"CODE39\"\r\n");
  EXPECT_EQ(barc("jan8a", "1234567"), "BARCODE 16,16,\"EAN8\",50,2,0,2,2,\"1234567\"\r\n");
  EXPECT_EQ(barc("jan13a", "400638133393"),
            "BARCODE 16,16,\"EAN13\",50,2,0,2,2,\"400638133393\"\r\n");
  // The check digit is the printer's to add.
  EXPECT_EQ(barc("jan13b", "4006381333931"),
            "BARCODE 16,16,\"EAN13\",50,2,0,2,2,\"400638133393\"\r\n");
  EXPECT_EQ(barc("upca", "03600029145"), "BARCODE 16,16,\"UPCA\",50,2,0,2,2,\"03600029145\"\r\n");
  EXPECT_EQ(barc("upcea", "123456"), "BARCODE 16,16,\"UPCE\",50,2,0,2,2,\"123456\"\r\n");
}

TEST(TsplNative, BarcodeHeightReadableLineRotationWidthsAndAlignment) {
  auto barc = [](const std::string& attributes) {
    return native_content("<BARC x=\"2\" y=\"2\" " + attributes + ">AB12</BARC>");
  };
  EXPECT_EQ(barc("a=\"left\" h=\"80\""), "BARCODE 16,16,\"128\",80,2,0,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" s=\"0\""), "BARCODE 16,16,\"128\",50,0,0,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" s=\"1\""), "BARCODE 16,16,\"128\",50,1,0,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" s=\"3\""), "BARCODE 16,16,\"128\",50,3,0,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" r=\"90\""), "BARCODE 16,16,\"128\",50,2,90,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" r=\"180\""), "BARCODE 16,16,\"128\",50,2,180,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" r=\"270\""), "BARCODE 16,16,\"128\",50,2,270,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" n=\"3\""), "BARCODE 16,16,\"128\",50,2,0,3,3,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"left\" ct=\"code39a\" n=\"3\" w=\"7\""),
            "BARCODE 16,16,\"39\",50,2,0,3,7,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"center\""), "BARCODE 16,16,\"128\",50,2,0,2,2,2,\"AB12\"\r\n");
  EXPECT_EQ(barc("a=\"right\""), "BARCODE 16,16,\"128\",50,2,0,2,2,3,\"AB12\"\r\n");
}

TEST(TsplNative, QrCodeLevelsAndCellSize) {
  EXPECT_EQ(native_content("<QRC x=\"2\" y=\"2\">hello</QRC>"),
            "QRCODE 16,16,L,2,A,0,\"hello\"\r\n");
  EXPECT_EQ(native_content("<QRC x=\"2\" y=\"2\" e=\"M\" s=\"4\">hello</QRC>"),
            "QRCODE 16,16,M,4,A,0,\"hello\"\r\n");
  EXPECT_EQ(native_content("<QRC x=\"2\" y=\"2\" e=\"Q\">hello</QRC>"),
            "QRCODE 16,16,Q,2,A,0,\"hello\"\r\n");
  EXPECT_EQ(native_content("<QRC x=\"2\" y=\"2\" e=\"H\">a&quot;b</QRC>"),
            "QRCODE 16,16,H,2,A,0,\"a\\[\"]b\"\r\n");
}

TEST(TsplNative, BoxBarAndReverse) {
  EXPECT_EQ(native_content("<SQ x=\"1\" y=\"1\" xe=\"10\" ye=\"5\" lt=\"3\"/>"),
            "BOX 8,8,80,40,3\r\n");
  EXPECT_EQ(native_content("<BL x=\"1\" y=\"1\" w=\"10\" h=\"0.5\"/>"), "BAR 8,8,80,4\r\n");
  EXPECT_EQ(native_content("<REV x=\"1\" y=\"1\" w=\"10\" h=\"0.5\"/>"), "REVERSE 8,8,80,4\r\n");
  // What lies off the label is left out, as the printer would clip it.
  EXPECT_EQ(native_content("<BL x=\"-1\" y=\"1\" w=\"3\" h=\"1\"/>"), "BAR 0,8,16,8\r\n");
}

TEST(TsplNative, ImagesAreBitmapsOredOntoTheLabel) {
  // A 2 x 1 greyscale PNG: a black pixel, then a white one. A 0 bit prints; the white pixel
  // and the padding are 1s.
  EXPECT_EQ(
      native_content("<BMP x=\"1\" y=\"1\">iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAAAAADRSSBWAAAAC0l"
                     "EQVR4nGNg+A8AAQIBAEK+vGgAAAAASUVORK5CYII=</BMP>"),
      "BITMAP 8,8,1,1,1,\x7F\r\n");
}

TEST(TsplNative, ShapesAndImagesReadBackAsThePreview) {
  // The reader draws BOX, BAR, REVERSE and BITMAP as the manual defines them, and DIRECTION's
  // mirror: for these elements native mode is dot-exact, mirrored label included.
  ir::Document document = document_of(
      "<PAGE w=\"20\" l=\"10\"><LABEL id=\"1\" m=\"1\">"
      "<SQ x=\"1\" y=\"1\" xe=\"12\" ye=\"8\" lt=\"3\"/><SQ x=\"15\" y=\"1\" xe=\"14\" ye=\"3\"/>"
      "<BL x=\"-2\" y=\"2\" w=\"8\" h=\"1\"/><REV x=\"3\" y=\"0\" w=\"4\" h=\"12\"/>"
      "<BMP x=\"16\" "
      "y=\"6\">iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAAAAADRSSBWAAAAC0lEQVR4nGNg+A8AAQIBAEK+"
      "vGgAAAAASUVORK5CYII=</BMP></LABEL></PAGE>");
  printer::TsplOptions options;
  options.mode = printer::TsplMode::native;
  printer::Job job = printer::to_tspl(document, renderer(), options);
  ASSERT_TRUE(job.ok());
  test::TsplReading reading = test::read_tspl(job.bytes);
  ASSERT_EQ(reading.error, "");
  ASSERT_EQ(reading.labels.size(), 1u);
  EXPECT_TRUE(reading.labels[0].mirrored);
  RenderResult preview = renderer().render(document);
  EXPECT_EQ(reading.labels[0].bitmap, preview.labels.at(0).bitmap);
}

TEST(TsplFrame, SizeGapDirectionAndCopies) {
  printer::Job job = native(
      "<PAGE w=\"50.125\" l=\"30\" ld=\"3\"><LABEL id=\"1\" c=\"3\" d=\"0\" m=\"1\">"
      "<BL x=\"0\" y=\"0\" w=\"1\" h=\"1\"/></LABEL></PAGE>");
  EXPECT_EQ(text_of(job.bytes),
            "SIZE 50.125 mm,30 mm\r\nGAP 3 mm,0 mm\r\nDIRECTION 0,1\r\nREFERENCE 0,0\r\nCLS\r\n"
            "BAR 0,0,8,8\r\nPRINT 1,3\r\n");
}

TEST(TsplFrame, PaperTypes) {
  auto frame = [](const std::string& page) {
    std::string program =
        text_of(native("<PAGE w=\"50\" l=\"30\" " + page + "><LABEL id=\"1\"/></PAGE>").bytes);
    return program.substr(0, program.find("DIRECTION"));
  };
  EXPECT_EQ(frame("ld=\"2\""), "SIZE 50 mm,30 mm\r\nGAP 2 mm,0 mm\r\n");
  EXPECT_EQ(frame("ld=\"0\""), "SIZE 50 mm,30 mm\r\nGAP 0,0\r\n");
  EXPECT_EQ(frame("pt=\"1\" ld=\"2.5\""), "SIZE 50 mm,30 mm\r\nGAP 2.5 mm,0 mm\r\n");
  EXPECT_EQ(frame("pt=\"2\" ld=\"2\""), "SIZE 50 mm,30 mm\r\nGAP 0,0\r\n");
  EXPECT_EQ(frame("pt=\"3\" ld=\"4\""), "SIZE 50 mm,30 mm\r\nBLINE 4 mm,0 mm\r\n");
}

TEST(TsplFrame, RasterMirrorsTheImageItselfAndKeepsTheDirection) {
  printer::Job job =
      printer::to_tspl(document_of("<PAGE w=\"2\" l=\"1\"><LABEL id=\"1\" d=\"0\" m=\"1\">"
                                   "<BL x=\"0\" y=\"0\" w=\"1\" h=\"1\"/></LABEL></PAGE>"),
                       renderer());
  // 16 x 8 dots, the left half black as drawn, the right half once mirrored; a 0 bit prints.
  std::string rows;
  for (int row = 0; row < 8; ++row) rows += std::string{'\xFF', '\x00'};
  EXPECT_EQ(text_of(job.bytes),
            "SIZE 2 mm,1 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0,0\r\nREFERENCE 0,0\r\nCLS\r\n"
            "BITMAP 0,0,2,8,0," +
                rows + "\r\nPRINT 1,1\r\n");
}

TEST(TsplFrame, RasterLeavesBlankBandsOutAndBoundsEachBitmap) {
  // 8 x 24 dots: a black row at the top and one at the bottom, 8 bytes per BITMAP at most.
  printer::TsplOptions options;
  options.max_bitmap_bytes = 8;
  printer::Job job = printer::to_tspl(
      document_of("<PAGE w=\"1\" l=\"3\"><LABEL id=\"1\"><BL x=\"0\" y=\"0\" w=\"1\" h=\"0.125\"/>"
                  "<BL x=\"0\" y=\"2.875\" w=\"1\" h=\"0.125\"/></LABEL></PAGE>"),
      renderer(), options);
  std::string top = std::string{'\x00'} + std::string(7, '\xFF');
  std::string bottom = std::string(7, '\xFF') + std::string{'\x00'};
  EXPECT_EQ(text_of(job.bytes),
            "SIZE 1 mm,3 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1,0\r\nREFERENCE 0,0\r\nCLS\r\n"
            "BITMAP 0,0,1,8,0," +
                top + "\r\nBITMAP 0,16,1,8,0," + bottom + "\r\nPRINT 1,1\r\n");
}

TEST(TsplFrame, CutterSettingsBeforeThePrintTheyApplyTo) {
  printer::Job job = printer::to_tspl(
      document_of("<PAGE w=\"1\" l=\"1\"><CUTTER p=\"2\"/><LABEL id=\"1\"/><LABEL id=\"2\"/>"
                  "<LABEL id=\"3\"><CUTTER ct=\"OFF\"/></LABEL>"
                  "<LABEL id=\"4\"><CUTTER ct=\"BARCH\"/></LABEL></PAGE>"),
      renderer());
  std::string program = text_of(job.bytes), settings;
  for (std::size_t at = 0; (at = program.find("SET CUTTER ", at)) != std::string::npos; ++at)
    settings += program.substr(at, program.find("\r\nPRINT", at) - at) + ";";
  EXPECT_EQ(settings, "SET CUTTER 2;SET CUTTER OFF;SET CUTTER BATCH;");
  std::size_t prints = 0;
  for (std::size_t at = 0; (at = program.find("PRINT 1,1\r\n", at)) != std::string::npos; ++at)
    ++prints;
  EXPECT_EQ(prints, 4u);
}

TEST(PrintJob, AJobOverTheSizeLimitIsRefusedWhole) {
  // Two labels of 8 x 8 black dots: 8 bytes of image each, and the frame around them.
  ir::Document document = document_of(
      "<PAGE w=\"1\" l=\"1\"><LABEL id=\"1\"><BL x=\"0\" y=\"0\" w=\"1\" h=\"1\"/></LABEL>"
      "<LABEL id=\"2\"><BL x=\"0\" y=\"0\" w=\"1\" h=\"1\"/></LABEL></PAGE>");
  printer::TsplOptions tspl;
  tspl.max_job_bytes = 120;
  printer::Job refused = printer::to_tspl(document, renderer(), tspl);
  EXPECT_TRUE(refused.bytes.empty());
  ASSERT_TRUE(has_code(refused.diagnostics, "DL0555"));
  EXPECT_EQ(refused.diagnostics.back().message,
            "the print job outgrows the limit of 120 bytes at LABEL 2");
  tspl.max_job_bytes = 1000;
  EXPECT_TRUE(printer::to_tspl(document, renderer(), tspl).ok());

  printer::EscPosOptions escpos;
  escpos.max_job_bytes = 20;
  EXPECT_TRUE(has_code(printer::to_escpos(document, renderer(), escpos).diagnostics, "DL0555"));
}

TEST(PrintJob, EscPosCopiesStopAtTheSizeLimit) {
  // ESC/POS repeats each copy: 10,000 copies of 80 x 80 dots are 8 MB, refused at 64 KB
  // without the rest being built first.
  ir::Document document = document_of(
      "<PAGE w=\"10\" l=\"10\"><LABEL id=\"1\" c=\"10000\">"
      "<BL x=\"0\" y=\"0\" w=\"10\" h=\"10\"/></LABEL></PAGE>");
  printer::EscPosOptions escpos;
  escpos.max_job_bytes = 64u << 10;
  printer::Job refused = printer::to_escpos(document, renderer(), escpos);
  EXPECT_TRUE(refused.bytes.empty());
  ASSERT_TRUE(has_code(refused.diagnostics, "DL0555"));
  EXPECT_LT(refused.bytes.capacity(), std::size_t{1} << 20);
}

TEST(EscPos, BandsFeedsAndCuts) {
  // 8 x 320 dots, two copies, a cut after every second label, page gap 2 mm = 16 dots.
  printer::Job job = printer::to_escpos(
      document_of("<PAGE w=\"1\" l=\"40\"><LABEL id=\"1\" c=\"3\"><CUTTER p=\"2\"/>"
                  "<BL x=\"0\" y=\"0\" w=\"1\" h=\"40\"/></LABEL></PAGE>"),
      renderer());
  ASSERT_TRUE(job.ok());
  std::string band = std::string(
                         "\x1D"
                         "v0") +
                     '\0' + "\x01" + '\0';
  std::string label = band + "\x80" + '\0' + std::string(128, '\xFF') + band + "\x80" + '\0' +
                      std::string(128, '\xFF') + band + "\x40" + '\0' + std::string(64, '\xFF');
  std::string feed = "\x1BJ\x10", cut = std::string("\x1DV\x41") + '\0';
  EXPECT_EQ(text_of(job.bytes), "\x1B@" + label + feed + label + cut + feed + label);
  test::EscPosReading reading = test::read_escpos(job.bytes);
  EXPECT_EQ(reading.cuts, std::vector<int>{320 + 16 + 320});
}

TEST(EscPos, BatchCutsOnceAtTheEndAndNoCutterNeverCuts) {
  auto cuts = [](const std::string& cutter) {
    printer::Job job = printer::to_escpos(
        document_of("<PAGE w=\"1\" l=\"1\">" + cutter + "<LABEL id=\"1\" c=\"2\"/></PAGE>"),
        renderer());
    return test::read_escpos(job.bytes).cuts;
  };
  EXPECT_EQ(cuts("<CUTTER ct=\"BARCH\"/>"), std::vector<int>{8 + 16 + 8});
  EXPECT_EQ(cuts(""), std::vector<int>{});
  EXPECT_EQ(cuts("<CUTTER ct=\"OFF\"/>"), std::vector<int>{});
}

TEST(EscPos, ALabelWiderThanThePaperIsRefusedOrScaled) {
  ir::Document document = document_of(
      "<PAGE w=\"60\" l=\"10\"><LABEL id=\"1\"><BL x=\"0\" y=\"0\" w=\"30\" h=\"10\"/></LABEL>"
      "</PAGE>");
  printer::EscPosOptions options;
  options.paper_width = 384;
  printer::Job refused = printer::to_escpos(document, renderer(), options);
  EXPECT_FALSE(refused.ok());
  EXPECT_TRUE(refused.bytes.empty());
  EXPECT_TRUE(has_code(refused.diagnostics, "DL0551"));

  options.scale_to_paper = true;
  printer::Job scaled = printer::to_escpos(document, renderer(), options);
  ASSERT_TRUE(scaled.ok());
  EXPECT_TRUE(has_code(scaled.diagnostics, "DL0552"));
  test::EscPosReading reading = test::read_escpos(scaled.bytes);
  // 480 x 80 dots scaled to 384 x 64: the left half black.
  ASSERT_EQ(reading.paper.width(), 384);
  ASSERT_EQ(reading.paper.height(), 64);
  EXPECT_TRUE(reading.paper.get(191, 63));
  EXPECT_FALSE(reading.paper.get(192, 0));

  options.paper_width = printer::kMaxPaperWidth + 1;
  EXPECT_TRUE(has_code(printer::to_escpos(document, renderer(), options).diagnostics, "DL0550"));
}

}  // namespace
