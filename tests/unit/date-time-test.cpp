#include <thread>

#include "helpers.h"

#include "backfill/formats.h"

using backfill::is_date_time;
using backfill::parse_date_time;

TEST_CASE("date-time: valid RFC 3339 forms") {
  for (const char* text :
       {"2021-11-11T10:11:11+00:00", "2021-11-11T10:11:11Z", "2021-11-11t10:11:11z", "2026-05-04T13:30:17.282Z",
        "2026-05-04T14:30:17.979727Z", "2021-11-11T10:11:11.1-05:30", "2020-02-29T00:00:00Z",
        "2000-02-29T23:59:59+23:59", "1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "0000-01-01T00:00:00Z",
        "2021-11-11T10:11:11.123456789012345678901234567890Z"}) {
    CAPTURE(text);
    CHECK(is_date_time(text));
  }
}

TEST_CASE("date-time: invalid forms name the fault") {
  struct Case {
    const char* text;
    const char* problem;
  };
  for (const Case& c : {Case{"2021-11-11 10:11:11Z", "'T'"},
                        Case{"2021-11-11T10:11:11", "offset"},
                        Case{"2021-13-11T10:11:11Z", "month"},
                        Case{"2021-02-29T10:11:11Z", "day"},
                        Case{"1900-02-29T10:11:11Z", "day"},
                        Case{"2021-04-31T10:11:11Z", "day"},
                        Case{"2021-11-11T24:00:00Z", "hour"},
                        Case{"2021-11-11T10:60:00Z", "minute"},
                        Case{"2021-11-11T10:11:61Z", "second"},
                        Case{"1998-12-31T23:58:60Z", "leap"},
                        Case{"1998-12-31T22:59:60Z", "leap"},
                        Case{"2021-11-11T10:11:11+24:00", "offset hour"},
                        Case{"2021-11-11T10:11:11+01:60", "offset minute"},
                        Case{"2021-11-11T10:11:11.Z", "digits"},
                        Case{"2021-11-11T10:11:11Zx", "after"},
                        Case{"21-11-11T10:11:11Z", "date"},
                        Case{"2021-1-11T10:11:11Z", "date"},
                        Case{"2021-11-11T10:11:11+0100", "offset"},
                        Case{"", "date"},
                        Case{"2021-11-11T10:11Z", "time"},
                        Case{"2021-11-1\xe0\xa7\xaaT10:11:11Z", "date"}}) {
    CAPTURE(c.text);
    const auto parsed = parse_date_time(c.text);
    CHECK_FALSE(parsed.instant.has_value());
    if (std::string_view(c.problem) == "leap") {
      CHECK(std::string(parsed.problem).find("23:59:60") != std::string::npos);
    } else {
      CHECK(std::string(parsed.problem).find(c.problem) != std::string::npos);
    }
  }
}

TEST_CASE("date-time: instants apply offsets and compare fractions exactly") {
  const auto a = parse_date_time("2021-11-11T11:00:00+01:00").instant;
  const auto b = parse_date_time("2021-11-11T10:00:00Z").instant;
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a == *b);
  CHECK(*parse_date_time("2021-11-11T10:00:00.1Z").instant < *parse_date_time("2021-11-11T10:00:00.10001Z").instant);
  CHECK(*parse_date_time("2021-11-11T10:00:00.5Z").instant == *parse_date_time("2021-11-11T10:00:00.500000Z").instant);
  CHECK(parse_date_time("1970-01-01T00:00:00Z").instant->seconds == 0);
  CHECK(parse_date_time("1969-12-31T23:59:59Z").instant->seconds == -1);
  CHECK(parse_date_time("2021-11-11T10:11:11+00:00").instant->seconds == 1636625471);
  CHECK(backfill::format_instant(*parse_date_time("2026-05-04T13:30:17.282+02:00").instant) ==
        "2026-05-04T11:30:17.282Z");
}

TEST_CASE("date-time: long input is rejected in linear time, also on a small stack") {
  // valijson's std::regex overflows an 8 MiB stack at ~26,000 characters; this scan never recurses.
  std::string huge = "2021-11-11T10:11:11." + std::string(100000, '1') + "Z";
  CHECK(is_date_time(huge));
  std::string bad(100000, '9');
  CHECK_FALSE(is_date_time(bad));
  bool thread_result = true;
  std::thread worker([&] { thread_result = is_date_time(bad); });
  worker.join();
  CHECK_FALSE(thread_result);
}
