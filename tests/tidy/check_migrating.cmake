# Checks that the per-tool tables of docs/migrating.md are what
# `dockls rules --peers markdown` generates from the peer table
# (include/dockls/analysis/peers.def), so the page cannot drift from the
# mapping the pragmas use.  Each table sits between `<!-- peers:KEY -->`
# and `<!-- /peers:KEY -->`; the prose around them is the page's own.
#
# On a difference the test prints a unified diff against the page as it
# should read.  With UPDATE_GOLDEN=1 in the environment it rewrites the
# tables in the page instead (read the diff before committing it).
#
#   cmake -DDOCKLS=<binary> -DSOURCE_DIR=<repository> -DOUT_DIR=<dir> -P tests/tidy/check_migrating.cmake
cmake_minimum_required(VERSION 3.18)

set(page "${SOURCE_DIR}/docs/migrating.md")
execute_process(COMMAND "${DOCKLS}" rules --peers markdown
                OUTPUT_VARIABLE generated RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "`dockls rules --peers markdown` failed (exit ${status})")
endif()
file(READ "${page}" text)
set(expected "${text}")

foreach(key buildkit dockerfile-utils hadolint dclint)
  set(open "<!-- peers:${key} -->")
  set(close "<!-- /peers:${key} -->")
  string(FIND "${generated}" "${open}" gen_start)
  string(FIND "${generated}" "${close}" gen_end)
  string(FIND "${expected}" "${open}" page_start)
  string(FIND "${expected}" "${close}" page_end)
  if(gen_start EQUAL -1 OR gen_end EQUAL -1)
    message(FATAL_ERROR "the generator wrote no ${key} table")
  endif()
  if(page_start EQUAL -1 OR page_end EQUAL -1 OR page_end LESS page_start)
    message(FATAL_ERROR "docs/migrating.md has no `${open}` … `${close}` block for the ${key} table")
  endif()
  string(LENGTH "${close}" close_len)
  math(EXPR gen_len "${gen_end} + ${close_len} - ${gen_start}")
  string(SUBSTRING "${generated}" ${gen_start} ${gen_len} table)
  string(SUBSTRING "${expected}" 0 ${page_start} before)
  math(EXPR after_start "${page_end} + ${close_len}")
  string(SUBSTRING "${expected}" ${after_start} -1 after)
  set(expected "${before}${table}${after}")
endforeach()

if(expected STREQUAL text)
  return()
endif()
if("$ENV{UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${page}" "${expected}")
  message(STATUS "rewrote the tables of ${page}")
  return()
endif()
set(want "${OUT_DIR}/migrating.md.generated")
file(WRITE "${want}" "${expected}")
execute_process(COMMAND diff -u "${page}" "${want}")
message(FATAL_ERROR "docs/migrating.md's tables differ from the peer table (diff above, `-` the page, `+` what "
                    "it should read); rewrite them with UPDATE_GOLDEN=1 ctest -R docs_migrating")
