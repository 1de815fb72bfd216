// Scan-safety lint (render/src/resolve/scan_safety.cpp): quiet zones cut by the label edge or
// overlapped by another element, TEXT over TEXT. `dotlabel check` and the Renderer report the
// same; every case here asserts both.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "diagnostic_codes.hpp"
#include "dotlabel/check.hpp"
#include "dotlabel/compiler.hpp"
#include "dotlabel/render.hpp"
#include "resolve/scan_safety.hpp"

namespace dotlabel {
namespace {

bool scan_safety_code(const std::string& code) {
  return code == codes::kQuietZoneCutByEdge || code == codes::kQuietZoneOverlapped ||
         code == codes::kTextOverlapsText || code == codes::kScanSafetyOther ||
         code == codes::kScanSafetyStopped;
}

Diagnostics only_scan_safety(const Diagnostics& all) {
  Diagnostics out;
  for (const Diagnostic& d : all)
    if (scan_safety_code(d.code)) out.push_back(d);
  return out;
}

// The scan-safety diagnostics of `elements` on a 60 x 40 mm label (480 x 320 dots), as check
// gives them; the render must give exactly the same.
Diagnostics lint(const std::string& elements, const std::string& label_attributes = "") {
  const std::string markup = "<PAGE w=\"60\" l=\"40\">\n<LABEL id=\"1\"" + label_attributes +
                             ">\n" + elements + "</LABEL></PAGE>";
  Diagnostics checked = only_scan_safety(check(markup));
  CompileResult compiled = compile(markup);
  EXPECT_TRUE(compiled.document) << markup;
  if (compiled.document) {
    EXPECT_EQ(only_scan_safety(Renderer().render(*compiled.document).diagnostics), checked);
  }
  return checked;
}

std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics)
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + " " + d.code + " " +
           d.message + "\n";
  return out;
}

// "AB" in Code 128 is 57 modules: 114 dots (14.25 mm) at n=2; its quiet zone 20 dots (2.5 mm).
std::string code128(const std::string& where) {
  return "<BARC " + where + " ct=\"code128\" n=\"2\" h=\"6\" s=\"0\" a=\"left\">AB</BARC>\n";
}

TEST(ScanSafety, QuietZoneTable) {
  EXPECT_EQ(render::quiet_zone(ir::Symbology::code128).before, 10);
  EXPECT_EQ(render::quiet_zone(ir::Symbology::ean13).before, 11);
  EXPECT_EQ(render::quiet_zone(ir::Symbology::ean13).after, 7);
  EXPECT_EQ(render::quiet_zone(ir::Symbology::upca).after, 9);
  EXPECT_EQ(render::quiet_zone(ir::Symbology::upce).after, 7);
  EXPECT_EQ(render::quiet_zone(ir::Symbology::ean8).before, 7);
}

TEST(ScanSafety, BarcodeAtExactlyItsQuietZoneFromTheEdgeIsFine) {
  EXPECT_EQ(messages(lint(code128("x=\"2.5\" y=\"5\""))), "");
}

// r turns the start of the code, and the zone before it, to each side of the label in turn.
TEST(ScanSafety, EdgeCutsTheQuietZoneOnTheSideTheRotationTurnsItTo) {
  struct Case {
    std::string where, side;
  } cases[] = {
      {"x=\"2\" y=\"5\" r=\"0\"", "on the left"},
      {"x=\"30\" y=\"2\" r=\"90\"", "at the top"},
      {"x=\"58\" y=\"20\" r=\"180\"", "on the right"},
      {"x=\"30\" y=\"38\" r=\"270\"", "at the bottom"},
  };
  for (const Case& c : cases) {
    Diagnostics d = lint(code128(c.where));
    ASSERT_EQ(d.size(), 1u) << c.where << "\n" << messages(d);
    EXPECT_EQ(d[0].code, codes::kQuietZoneCutByEdge);
    EXPECT_EQ(d[0].severity, Severity::warning);
    EXPECT_EQ(d[0].pos.line, 3);
    EXPECT_EQ(d[0].message, "BARC ct=\"code128\": the quiet zone " + c.side +
                                " is 0.5 mm short, cut by the label edge (10 modules = 2.5 mm "
                                "are needed, 2 mm are left)")
        << c.where;
  }
}

// EAN-13: 11 modules before, 7 after (23.75 mm of bars at n=2).
TEST(ScanSafety, Ean13HasItsOwnZoneOnEachSide) {
  auto ean = [](const std::string& where) {
    return "<BARC " + where + " ct=\"jan13b\" n=\"2\" h=\"6\" s=\"0\">4006381333931</BARC>\n";
  };
  EXPECT_EQ(messages(lint(ean("x=\"2.75\" y=\"5\" a=\"left\""))), "");
  EXPECT_EQ(messages(lint(ean("x=\"58.25\" y=\"5\" a=\"right\""))), "");
  Diagnostics left = lint(ean("x=\"2.625\" y=\"5\" a=\"left\""));
  ASSERT_EQ(left.size(), 1u) << messages(left);
  EXPECT_NE(left[0].message.find("on the left is 0.125 mm short"), std::string::npos);
  EXPECT_NE(left[0].message.find("11 modules = 2.75 mm"), std::string::npos);
  Diagnostics right = lint(ean("x=\"58.5\" y=\"5\" a=\"right\""));
  ASSERT_EQ(right.size(), 1u) << messages(right);
  EXPECT_NE(right[0].message.find("on the right is 0.25 mm short"), std::string::npos);
  EXPECT_NE(right[0].message.find("7 modules = 1.75 mm"), std::string::npos);
}

// A 21-module QR code (version 1) of 2-dot modules: 42 dots, its quiet zone 8 dots (1 mm).
TEST(ScanSafety, QrQuietZoneOnEverySide) {
  auto qr = [](const std::string& where) { return "<QRC " + where + " s=\"2\">A</QRC>\n"; };
  EXPECT_EQ(messages(lint(qr("x=\"1\" y=\"1\""))), "");
  EXPECT_EQ(messages(lint(qr("x=\"53.75\" y=\"33.75\""))), "");  // 480 - 42 - 8 dots
  struct Case {
    std::string where, side;
  } cases[] = {{"x=\"0.5\" y=\"5\"", "on the left"},
               {"x=\"54.25\" y=\"5\"", "on the right"},
               {"x=\"5\" y=\"0.5\"", "at the top"},
               {"x=\"5\" y=\"34.25\"", "at the bottom"}};
  for (const Case& c : cases) {
    Diagnostics d = lint(qr(c.where));
    ASSERT_EQ(d.size(), 1u) << c.where << "\n" << messages(d);
    EXPECT_EQ(d[0].code, codes::kQuietZoneCutByEdge);
    EXPECT_EQ(d[0].message, "QRC: the quiet zone " + c.side +
                                " is 0.5 mm short, cut by the label edge (4 modules = 1 mm are "
                                "needed, 0.5 mm are left)");
  }
}

TEST(ScanSafety, ElementInTheQuietZoneIsNamedWithANoteAtIt) {
  // Bars from x = 5 to 19.25 mm; the TEXT starts 1 mm after them, 1.5 mm inside the zone.
  Diagnostics d =
      lint(code128("x=\"5\" y=\"5\"") + "<TEXT x=\"20.25\" y=\"5\" f=\"1\">OK</TEXT>\n");
  ASSERT_EQ(d.size(), 2u) << messages(d);
  EXPECT_EQ(d[0].code, codes::kQuietZoneOverlapped);
  EXPECT_EQ(d[0].pos.line, 3);
  EXPECT_EQ(d[0].message,
            "BARC ct=\"code128\": the quiet zone on the right is 1.5 mm short, TEXT at 4:1 is in "
            "it (10 modules = 2.5 mm are needed, 1 mm are left)");
  EXPECT_EQ(d[1].code, codes::kScanSafetyOther);
  EXPECT_EQ(d[1].severity, Severity::note);
  EXPECT_EQ(d[1].pos.line, 4);
  EXPECT_EQ(d[1].message,
            "TEXT is in the quiet zone on the right of the BARC ct=\"code128\" at 3:1");

  // At exactly 2.5 mm from the bars the zone is whole.
  EXPECT_EQ(
      messages(lint(code128("x=\"5\" y=\"5\"") + "<TEXT x=\"21.75\" y=\"5\" f=\"1\">OK</TEXT>\n")),
      "");
}

// Drawn before or after the code, the nearest element in the way is the one named.
TEST(ScanSafety, NearestElementInTheWayIsNamedWhateverTheOrder) {
  Diagnostics d = lint("<BL x=\"3\" y=\"4\" w=\"0.5\" h=\"5\"/>\n" + code128("x=\"5\" y=\"5\"") +
                       "<REV x=\"2\" y=\"4\" w=\"0.75\" h=\"5\"/>\n");
  ASSERT_EQ(d.size(), 2u) << messages(d);
  EXPECT_NE(d[0].message.find("on the left is 1 mm short, BL at 3:1"), std::string::npos)
      << messages(d);
  EXPECT_EQ(d[1].pos.line, 3);
}

TEST(ScanSafety, ReverseInTheQuietZoneIsInTheWay) {
  Diagnostics d = lint(code128("x=\"5\" y=\"5\"") + "<REV x=\"20\" y=\"4\" w=\"5\" h=\"8\"/>\n");
  ASSERT_EQ(d.size(), 2u) << messages(d);
  EXPECT_NE(d[0].message.find("REV at 4:1 is in it"), std::string::npos) << messages(d);
}

// A frame's inside is white: only its strokes count.
TEST(ScanSafety, FrameWithRoomAroundTheCodeIsFine) {
  EXPECT_EQ(
      messages(lint("<SQ x=\"1\" y=\"1\" xe=\"30\" ye=\"20\"/>\n" + code128("x=\"5\" y=\"5\""))),
      "");
}

// m=1 mirrors the whole label after drawing: the sides stay named as the markup places things.
TEST(ScanSafety, MirroredLabelNamesTheSidesAsWritten) {
  Diagnostics d = lint(code128("x=\"2\" y=\"5\""), " m=\"1\"");
  ASSERT_EQ(d.size(), 1u) << messages(d);
  EXPECT_NE(d[0].message.find("on the left"), std::string::npos);
}

TEST(ScanSafety, TextOverTextWarnsAtTheLaterWithANoteAtTheEarlier) {
  // f=1 cells are 8 x 12 dots: "ABCD" is 4 x 1.5 mm.
  Diagnostics d = lint(
      "<TEXT x=\"5\" y=\"5\" f=\"1\">ABCD</TEXT>\n<TEXT x=\"8\" y=\"6\" f=\"1\">EFGH</TEXT>\n");
  ASSERT_EQ(d.size(), 2u) << messages(d);
  EXPECT_EQ(d[0].code, codes::kTextOverlapsText);
  EXPECT_EQ(d[0].pos.line, 4);
  EXPECT_EQ(d[0].message,
            "TEXT overlaps the TEXT at 3:1 by 1 mm x 0.5 mm: their characters print over each "
            "other");
  EXPECT_EQ(d[1].code, codes::kScanSafetyOther);
  EXPECT_EQ(d[1].pos.line, 3);
}

TEST(ScanSafety, TextsSideBySideOrPaddedWithSpacesDoNotOverlap) {
  EXPECT_EQ(messages(lint("<TEXT x=\"5\" y=\"5\" f=\"1\">ABCD</TEXT>\n"
                          "<TEXT x=\"9\" y=\"5\" f=\"1\">EFGH</TEXT>\n")),
            "");
  EXPECT_EQ(messages(lint("<TEXT x=\"5\" y=\"5\" f=\"1\">AB  </TEXT>\n"
                          "<TEXT x=\"7\" y=\"5\" f=\"1\">  GH</TEXT>\n")),
            "");
}

// Turned text: the cells run down the label at r=90, so a TEXT below it overlaps it.
TEST(ScanSafety, RotatedTextOverlapIsMeasuredAsItLands) {
  Diagnostics d = lint(
      "<TEXT x=\"10\" y=\"5\" f=\"1\" r=\"90\">ABCD</TEXT>\n"
      "<TEXT x=\"8\" y=\"7\" f=\"1\">EF</TEXT>\n");
  ASSERT_EQ(d.size(), 2u) << messages(d);
  EXPECT_EQ(d[0].code, codes::kTextOverlapsText);
  // The turned line covers x 8.5..10 mm; "EF" x 8..10 mm: 1.5 mm wide, 1.5 mm high.
  EXPECT_NE(d[0].message.find("by 1.5 mm x 1.5 mm"), std::string::npos) << messages(d);
}

// 6,000 TEXTs side by side (100 x 60 cells of 1 x 1.5 mm): some 18 million pairs to compare,
// over the lint's budget. It stops and says so, once, at the first element.
TEST(ScanSafety, CrowdedLabelStopsTheLintWithANote) {
  std::string elements;
  for (int i = 0; i < 6000; ++i)
    elements += "<TEXT x=\"" + std::to_string(i % 100) + "\" y=\"" + std::to_string(i / 100 * 1.5) +
                "\" f=\"1\">A</TEXT>\n";
  Diagnostics d = only_scan_safety(
      check("<PAGE w=\"100\" l=\"90\"><LABEL id=\"1\">\n" + elements + "</LABEL></PAGE>"));
  ASSERT_EQ(d.size(), 1u) << messages(d);
  EXPECT_EQ(d[0].code, codes::kScanSafetyStopped);
  EXPECT_EQ(d[0].severity, Severity::note);
  EXPECT_EQ(d[0].pos.line, 2);
}

}  // namespace
}  // namespace dotlabel
