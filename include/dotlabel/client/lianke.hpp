// Lianke cloud print v3 (链科云打印, cloud.liankenet.com/api): job submission, status and
// cancellation, device information, the printers on a box, their parameters and status, the
// printer models the cloud knows and a file's page count. Paths and parameters follow the
// vendor's SDK (docs/submit.md says which ones its document confirms).
//
// Errors: every call returns a Result (client/result.hpp) and a `code` other than 200 is an
// ErrorKind::vendor error with the vendor's msg; nothing throws but std::bad_alloc. Thread safety:
// the free functions are pure; one client object may be used by one thread at a time, separate
// clients in parallel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dotlabel/client/transport.hpp"
#include "dotlabel/export.hpp"

namespace dotlabel::client {

struct LiankeCredentials {
  std::string api_key;     // sent as the ApiKey header
  std::string device_key;  // the cloud box's password (云密码), from its QR code
};

// A print of one PNG on custom paper (dmPaperSize 0) of the given size in 0.1 mm.
struct LiankePrintJob {
  std::string device_id;
  int device_port = 1;  // the cloud box's USB port
  std::string printer_model;
  int paper_width = 0;   // dmPaperWidth, 0.1 mm
  int paper_length = 0;  // dmPaperLength, 0.1 mm
  std::vector<std::uint8_t> png;
  std::string file_name = "label.png";
  // The print parameters the vendor's changelog added on 2022-03-01; absent ones are not sent.
  std::string callback_url;                   // callbackUrl: where the cloud reports the result
  std::optional<bool> report_device_status;   // reportDeviceStatus, sent as 1 / 0
  std::optional<bool> report_printer_status;  // reportPrinterStatus, sent as 1 / 0
};

// task_state: READY PARSING SENDING SUCCESS FAILURE REVOKED; empty for another value.
DOTLABEL_API std::string_view lianke_task_state_meaning(std::string_view state);

class LiankeClient {
 public:
  static constexpr std::string_view kDefaultBaseUrl = "https://cloud.liankenet.com/api";

  // Sends nothing; missing credentials are a config error of the first call.
  DOTLABEL_API LiankeClient(LiankeCredentials credentials,
                            std::string base_url = std::string(kDefaultBaseUrl),
                            TransportOptions options = {});

  // POST /print/job; data = task_id. When the answer cannot be read, the task_id it may still
  // hold is in Error::job_id.
  DOTLABEL_API Result<std::string> submit_job(const LiankePrintJob& job);
  // POST /print/file_pages: the job's fields and file as submit_job sends them, nothing
  // printed; data = the answer's data (the page count) as JSON text.
  DOTLABEL_API Result<std::string> file_pages(const LiankePrintJob& job);
  // GET /print/job; data = task_state.
  DOTLABEL_API Result<std::string> job_state(const std::string& device_id, int device_port,
                                             const std::string& task_id);
  // DELETE /print/job; data = the answer's data as JSON text.
  DOTLABEL_API Result<std::string> cancel_job(const std::string& device_id, int device_port,
                                              const std::string& task_id);
  // GET /device/device_info; data = JSON text.
  DOTLABEL_API Result<std::string> device_info(const std::string& device_id);
  // GET /external_api/printer_list; printer_type 1 USB, 2 network, 3 both; data = JSON text.
  DOTLABEL_API Result<std::string> printer_list(const std::string& device_id, int printer_type = 1);
  // GET /print/printer_params for a printerModel (a printer_list driver_name): its papers,
  // colours, duplex modes and defaults; data = JSON text.
  DOTLABEL_API Result<std::string> printer_params(const std::string& device_id,
                                                  const std::string& printer_model);
  // GET /print/printer_enum: the printer models the cloud supports; data = JSON text. Needs
  // only the ApiKey.
  DOTLABEL_API Result<std::string> printer_enum();
  // GET /device/printer_status of the printer on a USB port (usbPort): paper, cover, jam...;
  // data = JSON text.
  DOTLABEL_API Result<std::string> printer_status(const std::string& device_id, int usb_port);

 private:
  struct Answer;
  Answer call(std::string_view endpoint, HttpRequest request, Retry retry);
  // A query: GET of `path` with `fields` in the query string, retried as TransportOptions say.
  Answer get(std::string_view endpoint, std::string_view path,
             std::vector<std::pair<std::string, std::string>> fields);
  std::string query(const std::string& device_id,
                    std::vector<std::pair<std::string, std::string>> extra) const;

  LiankeCredentials credentials_;
  std::string base_url_;
  TransportOptions transport_options_;
};

}  // namespace dotlabel::client
