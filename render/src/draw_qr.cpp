// QRC, resolved (resolve/qr.cpp): the symbol placed with its top-left at x, y.
#include "draw.hpp"

namespace dotlabel::render {

void draw_qr(const ResolvedQr& resolved, LabelCanvas& canvas) {
  const ir::QrCode& qr = *resolved.qr;
  canvas.stamp(qr.at, "QRC", resolved.modules, qr.x, qr.y, ir::Rotation::r0);
}

}  // namespace dotlabel::render
