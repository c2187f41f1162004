# Checks that every rule of the rule table (include/dockls/analysis/
# rules_*.def) appears in the places a reader or the test suite looks for it
# but that no C test can see:
#
#  - README.md's rule table (the table under "| area | rules |") names it,
#    and the sentence "`dockls rules` lists the N rules" has the right N;
#  - tests/rules/<id>/ holds at least one case (*.txt);
#  - every page under docs/rules/ belongs to a rule (a page whose rule was
#    renamed or removed would still be embedded and shown by nothing).
#
# That every rule has its docs/rules page and a checker is checked by
# tests/rules/test_rules.c, which can ask the compiled table.
#
#   cmake -DSOURCE_DIR=<repository> -P tests/tidy/check_rule_table.cmake
cmake_minimum_required(VERSION 3.18)

if(NOT SOURCE_DIR)
  get_filename_component(SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

# The rule ids, in table order: the second argument of each RULE(...) line.
file(GLOB def_files "${SOURCE_DIR}/include/dockls/analysis/rules_*.def")
set(rules "")
foreach(def IN LISTS def_files)
  file(STRINGS "${def}" lines REGEX "^RULE\\(")
  foreach(line IN LISTS lines)
    if(line MATCHES "^RULE\\([A-Z0-9_]+, *\"([a-z0-9-]+)\"")
      list(APPEND rules "${CMAKE_MATCH_1}")
    endif()
  endforeach()
endforeach()
list(LENGTH rules rule_count)
if(rule_count EQUAL 0)
  message(FATAL_ERROR "check_rule_table: no RULE(...) lines found under ${SOURCE_DIR}/include/dockls/analysis")
endif()

set(problems "")

# README: only the rule table counts, so a rule mentioned in prose alone
# does not pass.
file(STRINGS "${SOURCE_DIR}/README.md" readme)
set(in_table FALSE)
set(table "")
set(count_sentence "")
foreach(line IN LISTS readme)
  if(line MATCHES "^\\| area \\| rules \\|")
    set(in_table TRUE)
  elseif(in_table AND line MATCHES "^\\|")
    string(APPEND table "${line}\n")
  elseif(in_table)
    set(in_table FALSE)
  endif()
  if(line MATCHES "`dockls rules` lists the ([0-9]+) rules")
    set(count_sentence "${CMAKE_MATCH_1}")
  endif()
endforeach()
if(table STREQUAL "")
  string(APPEND problems "README.md: no rule table (a table headed `| area | rules |`)\n")
endif()
foreach(rule IN LISTS rules)
  string(FIND "${table}" "`${rule}`" at)
  if(at EQUAL -1)
    string(APPEND problems "README.md: the rule table does not list `${rule}`\n")
  endif()
  file(GLOB cases "${SOURCE_DIR}/tests/rules/${rule}/*.txt")
  if(NOT cases)
    string(APPEND problems "tests/rules/${rule}/: no case (*.txt) for rule ${rule}\n")
  endif()
endforeach()
if(NOT count_sentence STREQUAL "${rule_count}")
  string(APPEND problems "README.md: says `dockls rules` lists ${count_sentence} rules; the table has ${rule_count}\n")
endif()

# The table must not list rules that do not exist either.
string(REGEX MATCHALL "`[a-z0-9-]+`" listed "${table}")
foreach(item IN LISTS listed)
  string(REPLACE "`" "" id "${item}")
  if(NOT id IN_LIST rules)
    string(APPEND problems "README.md: the rule table lists `${id}`, which is not a rule\n")
  endif()
endforeach()

file(GLOB pages RELATIVE "${SOURCE_DIR}/docs/rules" "${SOURCE_DIR}/docs/rules/*.md")
foreach(page IN LISTS pages)
  string(REGEX REPLACE "\\.md$" "" id "${page}")
  if(NOT id IN_LIST rules)
    string(APPEND problems "docs/rules/${page}: no rule ${id} in the rule table\n")
  endif()
endforeach()

if(NOT problems STREQUAL "")
  message(FATAL_ERROR "check_rule_table: a rule is missing from a place that must name it "
    "(docs/contributing.md lists them):\n${problems}")
endif()
message(STATUS "check_rule_table: ${rule_count} rules are listed in README.md and have cases")
