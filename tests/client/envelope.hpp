// Envelope fuzzing for the vendor clients: a valid answer with one top-level member removed,
// made null, or given each wrong JSON type in turn. Whatever comes back, a client must return
// a Result (never throw), and a print must keep the job's id when the answer still has it.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "dotlabel/client/result.hpp"

namespace dotlabel::test {

struct Mutation {
  std::string member;  // the member changed
  std::string what;    // "absent", "null", "string", ...
  nlohmann::json answer;
};

inline std::vector<Mutation> envelope_mutations(const nlohmann::json& valid) {
  const std::vector<std::pair<std::string, nlohmann::json>> values = {
      {"null", nullptr},
      {"string", "x"},
      {"empty string", ""},
      {"fraction", 1.5},
      {"negative", -7},
      {"boolean", true},
      {"array", nlohmann::json::array({1, "a"})},
      {"object", nlohmann::json::object({{"k", nullptr}})},
  };
  std::vector<Mutation> out;
  for (auto it = valid.begin(); it != valid.end(); ++it) {
    nlohmann::json absent = valid;
    absent.erase(it.key());
    out.push_back({it.key(), "absent", std::move(absent)});
    for (const auto& [what, value] : values) {
      nlohmann::json changed = valid;
      changed[it.key()] = value;
      out.push_back({it.key(), what, std::move(changed)});
    }
  }
  return out;
}

// What any answer may give: success, or a protocol or vendor error that can be described.
template <typename T>
void expect_sane(const client::Result<T>& r, const Mutation& m) {
  if (r.ok()) return;
  EXPECT_TRUE(r.error->kind == client::ErrorKind::protocol ||
              r.error->kind == client::ErrorKind::vendor)
      << m.member << " " << m.what << ": " << client::describe(*r.error);
  EXPECT_FALSE(client::describe(*r.error).empty());
}

// A print's answer: success with a non-empty id, a vendor refusal without one, or an unread
// answer that may have printed and, when the id's member is intact, carries the id.
template <typename T>
void expect_print_sane(const client::Result<T>& r, const Mutation& m, const std::string& id,
                       const std::string& id_member) {
  expect_sane(r, m);
  if (r.ok() || r.error->kind != client::ErrorKind::protocol) return;
  EXPECT_TRUE(r.error->maybe_delivered) << m.member << " " << m.what;
  if (m.member != id_member) {
    EXPECT_EQ(r.error->job_id, id) << m.member << " " << m.what;
  }
}

}  // namespace dotlabel::test
