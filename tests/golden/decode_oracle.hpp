// The decode oracle: every barcode and QR code of a rendered golden is read back with
// zxing-cpp and must give its content, so a golden image can never freeze a code that
// scanners cannot read.
#pragma once

#include <string>
#include <vector>

#include "dotlabel/golden.hpp"

namespace dotlabel::oracle {

// One line per code that does not decode to its content (empty: all good). A code whose box
// leaves the label is skipped only when the render warned that it clips it (DL0410).
std::vector<std::string> undecodable_codes(const golden::CaseResult& result);

// How many codes undecodable_codes() read back, for the suite's sanity check.
int decoded_code_count(const golden::CaseResult& result);

}  // namespace dotlabel::oracle
