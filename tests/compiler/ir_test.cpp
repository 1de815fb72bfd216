// Lowering to the IR: whole dots, label order, positions, content, images.
#include <gtest/gtest.h>

#include "helpers.hpp"

namespace dotlabel::test {
namespace {

const ir::Label& only_label(const CompileResult& result) {
  EXPECT_TRUE(result.ok()) << all_codes(result);
  return result.document->labels.at(0);
}

TEST(IrDots, MillimetresRoundHalfAwayFromZero) {
  EXPECT_EQ(ir::mm_to_dots(1.0625), 9);    // 8.5 dots
  EXPECT_EQ(ir::mm_to_dots(-1.0625), -9);  // -8.5 dots
  EXPECT_EQ(ir::mm_to_dots(1.05), 8);      // 8.4 dots
  CompileResult result =
      run("<PAGE w=\"100.0625\" l=\"40.5\" ld=\"0\"><LABEL id=\"1\" os=\"-1.0625\">"
          "<BL x=\"1.0625\" y=\"-2\" w=\"95\" h=\"0.5\"/>"
          "<SQ x=\"6\" y=\"6\" xe=\"26\" ye=\"16\" lt=\"4\"/></LABEL></PAGE>");
  const ir::Label& label = only_label(result);
  EXPECT_EQ(result.document->page.width, 801);
  EXPECT_EQ(result.document->page.length, 324);
  EXPECT_EQ(result.document->page.gap, 0);
  EXPECT_EQ(label.offset, -9);
  const auto& bar = std::get<ir::Bar>(label.elements[0]);
  EXPECT_EQ(bar.x, 9);
  EXPECT_EQ(bar.y, -16);
  EXPECT_EQ(bar.width, 760);
  EXPECT_EQ(bar.height, 4);
  const auto& box = std::get<ir::Box>(label.elements[1]);
  EXPECT_EQ(box.x, 48);
  EXPECT_EQ(box.x_end, 208);
  EXPECT_EQ(box.y_end, 128);
  EXPECT_EQ(box.line, 4);  // dots, not converted
}

TEST(IrLabels, SortedByIdWithTheirAttributes) {
  CompileResult result =
      run("<PAGE w=\"50\" l=\"30\" pt=\"3\" lod=\"1\">"
          "<LABEL id=\"10\" c=\"3\" d=\"0\" m=\"1\"/><LABEL id=\"-2\"/><LABEL id=\"4\"/></PAGE>");
  ASSERT_TRUE(result.ok()) << all_codes(result);
  const auto& labels = result.document->labels;
  ASSERT_EQ(labels.size(), 3u);
  EXPECT_EQ(labels[0].id, -2);
  EXPECT_EQ(labels[1].id, 4);
  EXPECT_EQ(labels[2].id, 10);
  EXPECT_EQ(labels[2].copies, 3);
  EXPECT_EQ(labels[2].direction, 0);
  EXPECT_TRUE(labels[2].mirror);
  EXPECT_EQ(result.document->page.paper_type, 3);
  EXPECT_EQ(result.document->page.feed_offset, 1);
  EXPECT_EQ(result.document->find_label(4), &labels[1]);
}

TEST(IrElements, KeepDocumentOrderAndPositions) {
  CompileResult result = run(
      in_label("  <TEXT x=\"1\" y=\"2\" xw=\"2\" yh=\"3\" f=\"3\" a=\"right\" r=\"90\">Hi</TEXT>\n"
               "<REV x=\"0\" y=\"0\" w=\"10\" h=\"5\"/><QRC x=\"1\" y=\"1\" s=\"4\" "
               "e=\"Q\">\xE5\xAE\xAB url</QRC>\n"
               "<BARC x=\"50\" y=\"6\" ct=\"jan13a\" n=\"3\" h=\"80\" s=\"0\" a=\"left\" "
               "r=\"270\">400638133393</BARC>"));
  const ir::Label& label = only_label(result);
  ASSERT_EQ(label.elements.size(), 4u);
  const auto& text = std::get<ir::Text>(label.elements[0]);
  EXPECT_EQ(text.at, (SourcePos{3, 3}));
  EXPECT_EQ(text.content_at, (SourcePos{3, 58}));
  EXPECT_EQ(text.x, 8);
  EXPECT_EQ(text.y, 16);
  EXPECT_EQ(text.xw, 2);
  EXPECT_EQ(text.yh, 3);
  EXPECT_EQ(text.font, 3);
  EXPECT_EQ(text.align, ir::Align::right);
  EXPECT_EQ(text.rotation, ir::Rotation::r90);
  EXPECT_EQ(text.content, "Hi");
  const auto& rev = std::get<ir::Reverse>(label.elements[1]);
  EXPECT_EQ(rev.at, (SourcePos{4, 1}));
  EXPECT_EQ(rev.width, 80);
  const auto& qr = std::get<ir::QrCode>(label.elements[2]);
  EXPECT_EQ(qr.at, (SourcePos{4, 32}));
  EXPECT_EQ(qr.content_at, (SourcePos{4, 61}));
  EXPECT_EQ(qr.module, 4);
  EXPECT_EQ(qr.ecc, ir::QrEcc::Q);
  EXPECT_EQ(qr.content, "\xE5\xAE\xAB url");
  const auto& barcode = std::get<ir::Barcode>(label.elements[3]);
  EXPECT_EQ(barcode.at, (SourcePos{5, 1}));
  EXPECT_EQ(barcode.symbology, ir::Symbology::ean13);
  EXPECT_EQ(barcode.type_name, "jan13a");
  EXPECT_EQ(barcode.narrow, 3);
  EXPECT_EQ(barcode.height, 80);
  EXPECT_EQ(barcode.human_readable, ir::HumanReadable::none);
  EXPECT_EQ(barcode.align, ir::Align::left);
  EXPECT_EQ(barcode.rotation, ir::Rotation::r270);
  EXPECT_EQ(barcode.content, "4006381333931");
}

TEST(IrText, EntitiesCdataAndSpacesAreContent) {
  CompileResult result =
      run(in_label("<TEXT x=\"1\" y=\"1\"> a &amp; &#x4E2D;&#20013; </TEXT>"
                   "<TEXT x=\"1\" y=\"1\"><![CDATA[<b>]]></TEXT><TEXT x=\"1\" y=\"1\">   </TEXT>"));
  const ir::Label& label = only_label(result);
  EXPECT_EQ(std::get<ir::Text>(label.elements[0]).content, " a & \xE4\xB8\xAD\xE4\xB8\xAD ");
  EXPECT_EQ(std::get<ir::Text>(label.elements[1]).content, "<b>");
  EXPECT_EQ(std::get<ir::Text>(label.elements[2]).content, "   ");
}

TEST(IrPositions, CrlfAndBomGiveTheSameLineAndColumn) {
  std::string lf =
      "<PAGE w=\"50\" l=\"30\">\n<LABEL id=\"1\">\n\t<TEXT x=\"1\" y=\"1\" "
      "f=\"2\">\xC3\xA9</TEXT>\n</LABEL>\n</PAGE>\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (const std::string& markup : {lf, crlf, "\xEF\xBB\xBF" + crlf}) {
    CompileResult result = run(markup);
    EXPECT_EQ(found(result, "DL0308"), std::vector<std::string>{"warning 3:26"});
    const auto& text = std::get<ir::Text>(result.document->labels[0].elements[0]);
    EXPECT_EQ(text.at, (SourcePos{3, 2}));
  }
  // A BOM does not shift line 1.
  CompileResult result = run("\xEF\xBB\xBF<PAGE w=\"x\" l=\"1\"/>");
  EXPECT_EQ(found(result, "DL0203"), std::vector<std::string>{"error 1:10"});
}

// Each content character's line:column, from the runs the IR keeps: a reference takes several
// columns, a line break starts a line, and Codabar's added start A stands at the first digit.
TEST(IrPositions, EveryContentCharacterHasItsSourcePosition) {
  CompileResult result =
      run(in_label("<TEXT x=\"1\" y=\"1\">A&amp;B&#x4E2D;C</TEXT>\n"        // content from 3:19
                   "<QRC x=\"1\" y=\"10\">ab\ncd</QRC>\n"                   // content from 4:19
                   "<BARC x=\"1\" y=\"20\" ct=\"bara\">1&#x32;34</BARC>\n"  // content from 6:30
                   "<TEXT x=\"1\" y=\"30\">plain</TEXT>"));
  const ir::Label& label = only_label(result);
  auto positions = [](const auto& element) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < element.content.size(); ++i) {
      if ((static_cast<unsigned char>(element.content[i]) & 0xC0) == 0x80) continue;
      std::size_t index = out.size();
      SourcePos pos = ir::content_position(element.content_at, element.content_runs, index);
      out.push_back(std::to_string(pos.line) + ":" + std::to_string(pos.column));
    }
    return out;
  };
  const auto& text = std::get<ir::Text>(label.elements[0]);
  ASSERT_EQ(text.content,
            "A&B\xE4\xB8\xAD"
            "C");
  EXPECT_EQ(positions(text), (std::vector<std::string>{"3:19", "3:20", "3:25", "3:26", "3:34"}));
  const auto& qr = std::get<ir::QrCode>(label.elements[1]);
  EXPECT_EQ(positions(qr), (std::vector<std::string>{"4:19", "4:20", "4:21", "5:1", "5:2"}));
  const auto& barcode = std::get<ir::Barcode>(label.elements[2]);
  ASSERT_EQ(barcode.content, "A1234A");
  EXPECT_EQ(positions(barcode),
            (std::vector<std::string>{"6:30", "6:30", "6:31", "6:37", "6:38", "6:39"}));
  // Content written as is needs no runs: the common case costs no memory.
  EXPECT_TRUE(std::get<ir::Text>(label.elements[3]).content_runs.empty());
}

TEST(IrImage, DecodesPngJpegBmpWithOrWithoutDataUrl) {
  struct ImageCase {
    std::vector<std::uint8_t> bytes;
    ir::ImageFormat format;
  };
  for (const ImageCase& c : std::vector<ImageCase>{
           {{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}, ir::ImageFormat::png},
           {{0xFF, 0xD8, 0xFF, 0xE0, 0}, ir::ImageFormat::jpeg},
           {{'B', 'M', 0, 0}, ir::ImageFormat::bmp}}) {
    std::string encoded = base64_encode(c.bytes);
    std::string wrapped = encoded.substr(0, 4) + "\n   " + encoded.substr(4);
    for (const std::string& content : {encoded, wrapped, "data:image/x;base64," + encoded}) {
      CompileResult result = run(in_label("<BMP x=\"1\" y=\"2\" w=\"64\">" + content + "</BMP>"));
      const auto& image = std::get<ir::Image>(only_label(result).elements.at(0));
      EXPECT_EQ(image.data, c.bytes);
      EXPECT_EQ(image.format, c.format);
      EXPECT_EQ(image.width, 64);
      EXPECT_EQ(image.y, 16);
    }
  }
  EXPECT_EQ(found(run(in_label("<BMP x=\"1\" y=\"1\">data:image/png,abc</BMP>")), "DL0309").size(),
            1u);
}

TEST(IrCutter, UnderPageAndUnderLabel) {
  CompileResult result =
      run("<PAGE w=\"50\" l=\"30\"><CUTTER p=\"3\" ct=\"BARCH\"/>"
          "<LABEL id=\"1\"><CUTTER ct=\"OFF\"/></LABEL></PAGE>");
  ASSERT_TRUE(result.ok()) << all_codes(result);
  ASSERT_EQ(result.document->page.cutters.size(), 1u);
  EXPECT_EQ(result.document->page.cutters[0].every, 3);
  EXPECT_EQ(result.document->page.cutters[0].mode, ir::CutterMode::batch);
  EXPECT_EQ(std::get<ir::Cutter>(result.document->labels[0].elements[0]).mode, ir::CutterMode::off);
}

TEST(IrStructure, ErrorsMeanNoDocumentWarningsDoNot) {
  EXPECT_FALSE(run(in_label("<TEXT x=\"1\">a</TEXT>")).document.has_value());
  CompileResult warned = run(in_label("<TEXT x=\"1\" y=\"1\" f=\"0\">a</TEXT>"));
  EXPECT_TRUE(warned.document.has_value());
  EXPECT_EQ(warned.document->file, "<input>");
}

TEST(IrStructure, CommentsAndProcessingInstructionsAreIgnored) {
  CompileResult result =
      run("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- job -->\n<PAGE w=\"50\" l=\"30\">"
          "<!-- a --><LABEL id=\"1\"><!-- b --><TEXT x=\"1\" y=\"1\">a<!-- c "
          "-->b</TEXT></LABEL></PAGE>");
  EXPECT_EQ(std::get<ir::Text>(only_label(result).elements[0]).content, "ab");
}

TEST(IrStructure, ContentOnlyWhereItBelongs) {
  EXPECT_EQ(found(run(in_label("<SQ x=\"1\" y=\"1\" xe=\"2\" ye=\"2\">x</SQ>")), "DL0104"),
            std::vector<std::string>{"error 3:31"});
  EXPECT_EQ(
      found(run(in_label("<TEXT x=\"1\" y=\"1\">a<QRC x=\"1\" y=\"1\">b</QRC></TEXT>")), "DL0102"),
      std::vector<std::string>{"error 3:20"});
  EXPECT_EQ(found(run("<PAGE w=\"1\" l=\"1\"><![CDATA[x]]></PAGE>"), "DL0104"),
            std::vector<std::string>{"error 1:28"});
  EXPECT_TRUE(run(in_label("<SQ x=\"1\" y=\"1\" xe=\"2\" ye=\"2\">\n  \t</SQ>")).ok());
}

}  // namespace
}  // namespace dotlabel::test
