# Checks the layer map of docs/architecture.md against the sources, so that
# an upward include or a third-party header in the wrong place fails the
# build's tests instead of waiting for a reviewer to notice.
#
#   cmake -DSOURCE_DIR=<repository> -P tests/tidy/check_layers.cmake
#
# It is written in CMake script because `cmake` is the one tool every build
# of dockls already has; a fresh minimal Debian may have no Python.
#
# What it checks, for every file under server/<layer>/ and
# include/dockls/<layer>/ (and server/main.c, the entry layer):
#
#  1. Direction.  Every `#include "dockls/<x>/..."` names a layer that
#     <layer> may include (the ALLOWED_* lists below).  The same holds for
#     the project headers a file reaches transitively through the public
#     headers it includes: a public header's own includes become part of
#     every includer, so workspace.h including syntax/parse.h would hand the
#     syntax layer to the LSP adapter.
#  2. Third-party headers.  Each rule below names a header pattern, the
#     files that may include it directly, and the files that may reach it
#     through project headers.  The reach rule is what keeps tree-sitter
#     out of the adapters: they include no tree-sitter header themselves,
#     but they must not see one through workspace.h either.
#
# Layer-private headers ("jsonrpc.h", "rules/internal.h") are resolved next
# to the including file and belong to its layer; anything in angle brackets
# that matches no rule is taken to be the C library.

cmake_minimum_required(VERSION 3.18)

if(NOT SOURCE_DIR)
  get_filename_component(SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()

# --- The map ---

set(LAYERS base text syntax model workspace analysis lsp cli main)
set(ALLOWED_base "")
set(ALLOWED_text base)
set(ALLOWED_syntax text base)
set(ALLOWED_model syntax text base)
set(ALLOWED_workspace model syntax text base)
set(ALLOWED_analysis workspace model syntax text base)
# The adapters get plain data from analysis and workspace; a TSNode in a
# handler is the first step to feature logic `dockls check` cannot reuse.
# They never include each other.
set(ALLOWED_lsp analysis workspace text base)
set(ALLOWED_cli analysis workspace text base)
set(ALLOWED_main lsp cli base)

# Third-party rules: NAME, then a regex for the header as written inside
# <...>, a regex of repository paths that may include it directly, and a
# regex of paths that may reach it through project headers.  Each exception
# here is recorded, with its reason, in docs/architecture.md.
set(TP_RULES tree_sitter grammar yaml cjson)
set(TP_tree_sitter_HEADER "^tree_sitter/api\\.h$")
set(TP_tree_sitter_DIRECT "^(server|include/dockls)/(syntax|model|analysis)/")
# The workspace builds models, so its own sources see their tree-sitter
# types; its public headers must not, since the adapters include them.
set(TP_tree_sitter_REACH "^(server|include/dockls)/(syntax|model|analysis)/|^server/workspace/")
set(TP_grammar_HEADER "^tree_sitter/parser\\.h$|^tree-sitter-[a-z_-]+\\.h$|/tree-sitter-[a-z_-]+\\.h$")
set(TP_grammar_DIRECT "^server/syntax/(language|yaml_scanner)\\.c$")
set(TP_grammar_REACH "^server/syntax/(language|yaml_scanner)\\.c$")
set(TP_yaml_HEADER "^yaml\\.h$")
set(TP_yaml_DIRECT "^server/workspace/config\\.c$|^server/syntax/yaml_check\\.c$")
set(TP_yaml_REACH "${TP_yaml_DIRECT}")
set(TP_cjson_HEADER "^(cjson/)?cJSON\\.h$")
# In the LSP adapter only the wire format (protocol.c, the protocol_*.c
# files that split it by group of requests, and their private
# protocol_wire.h) and the envelope (jsonrpc.c) see JSON: the handlers take
# typed structs.
set(TP_cjson_DIRECT "^server/lsp/(protocol|protocol_[a-z]+|jsonrpc)\\.c$|^server/lsp/protocol_wire\\.h$|^server/cli/|^include/dockls/cli/|^server/model/context_files\\.c$")
set(TP_cjson_REACH "${TP_cjson_DIRECT}")

# --- Reading includes ---

# The layer of a repository-relative path, or "" for files outside the map.
function(layer_of rel out)
  if(rel STREQUAL "server/main.c")
    set(${out} main PARENT_SCOPE)
  elseif(rel MATCHES "^(server|include/dockls)/([a-z]+)/")
    set(${out} "${CMAKE_MATCH_2}" PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

# Splits a file's include lines into project headers (repository-relative
# paths of the files they name) and angle-bracket headers (as written).
function(read_includes rel out_project out_system)
  file(STRINGS "${SOURCE_DIR}/${rel}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  get_filename_component(dir "${rel}" DIRECTORY)
  set(project "")
  set(system "")
  foreach(line IN LISTS lines)
    if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(name "${CMAKE_MATCH_1}")
      if(name MATCHES "^dockls/")
        list(APPEND project "include/${name}")
      elseif(EXISTS "${SOURCE_DIR}/${dir}/${name}")
        get_filename_component(abs "${SOURCE_DIR}/${dir}/${name}" ABSOLUTE)
        file(RELATIVE_PATH local "${SOURCE_DIR}" "${abs}")
        list(APPEND project "${local}")
      else()
        # A generated file (the build folder's rule_docs) or a typo the
        # compiler reports; neither is a layer question.
      endif()
    elseif(line MATCHES "#[ \t]*include[ \t]*<([^>]+)>")
      list(APPEND system "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out_project} "${project}" PARENT_SCOPE)
  set(${out_system} "${system}" PARENT_SCOPE)
endfunction()

# Everything a file reaches through its project includes, transitively:
# REACH_PROJECT_<rel> and REACH_SYSTEM_<rel> (global properties, so each
# header is read once).  The file's own direct includes are part of it.
function(compute_reach rel)
  get_property(done GLOBAL PROPERTY "REACH_DONE_${rel}")
  if(done)
    return()
  endif()
  # Marked before recursing, so an include cycle ends instead of looping;
  # include guards make such cycles legal C.
  set_property(GLOBAL PROPERTY "REACH_DONE_${rel}" TRUE)
  read_includes("${rel}" project system)
  set(all_project "${project}")
  set(all_system "${system}")
  foreach(header IN LISTS project)
    if(NOT EXISTS "${SOURCE_DIR}/${header}")
      continue()
    endif()
    compute_reach("${header}")
    get_property(sub_project GLOBAL PROPERTY "REACH_PROJECT_${header}")
    get_property(sub_system GLOBAL PROPERTY "REACH_SYSTEM_${header}")
    list(APPEND all_project ${sub_project})
    list(APPEND all_system ${sub_system})
  endforeach()
  list(REMOVE_DUPLICATES all_project)
  list(REMOVE_DUPLICATES all_system)
  set_property(GLOBAL PROPERTY "REACH_PROJECT_${rel}" "${all_project}")
  set_property(GLOBAL PROPERTY "REACH_SYSTEM_${rel}" "${all_system}")
endfunction()

# --- The checks ---

set(VIOLATIONS "")

# Records a violation of file `rel` (layer `layer`) for project header
# `target`, reached through `via` (empty when included directly).
function(check_direction rel layer target via)
  layer_of("${target}" target_layer)
  if(target_layer STREQUAL "" OR target_layer STREQUAL layer)
    return()
  endif()
  if(target_layer IN_LIST ALLOWED_${layer})
    return()
  endif()
  string(REPLACE ";" ", " allowed "${ALLOWED_${layer}}")
  if(allowed STREQUAL "")
    set(allowed "no other layer")
  endif()
  if(via STREQUAL "")
    set(how "includes")
  else()
    set(how "reaches (through ${via})")
  endif()
  string(REGEX REPLACE "^include/" "" shown "${target}")
  set(VIOLATIONS "${VIOLATIONS}${rel}: ${how} ${shown} of layer ${target_layer}, but layer ${layer} may include ${allowed}\n" PARENT_SCOPE)
endfunction()

function(check_third_party rel header via)
  foreach(rule IN LISTS TP_RULES)
    if(NOT header MATCHES "${TP_${rule}_HEADER}")
      continue()
    endif()
    if(via STREQUAL "")
      set(where "${TP_${rule}_DIRECT}")
      set(how "includes")
    else()
      set(where "${TP_${rule}_REACH}")
      set(how "reaches (through ${via})")
    endif()
    if(NOT rel MATCHES "${where}")
      set(VIOLATIONS "${VIOLATIONS}${rel}: ${how} <${header}>, allowed only in files matching ${where}\n" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

file(GLOB_RECURSE files RELATIVE "${SOURCE_DIR}"
  "${SOURCE_DIR}/server/*.c" "${SOURCE_DIR}/server/*.h"
  "${SOURCE_DIR}/include/dockls/*.h" "${SOURCE_DIR}/include/dockls/*.def")
list(SORT files)
list(LENGTH files checked)
if(checked EQUAL 0)
  message(FATAL_ERROR "check_layers: no sources under ${SOURCE_DIR}/server; is SOURCE_DIR right?")
endif()

foreach(rel IN LISTS files)
  layer_of("${rel}" layer)
  if(layer STREQUAL "")
    continue()
  endif()
  if(NOT layer IN_LIST LAYERS)
    set(VIOLATIONS "${VIOLATIONS}${rel}: folder ${layer} is not a layer of the map\n")
    continue()
  endif()
  read_includes("${rel}" project system)
  foreach(header IN LISTS project)
    check_direction("${rel}" "${layer}" "${header}" "")
  endforeach()
  foreach(header IN LISTS system)
    check_third_party("${rel}" "${header}" "")
  endforeach()
  # What the direct includes bring along, each named by the include that
  # brought it so the message points at the line to change.
  foreach(direct IN LISTS project)
    if(NOT EXISTS "${SOURCE_DIR}/${direct}")
      continue()
    endif()
    # An include that is itself out of place was reported above; what it
    # brings along goes away with it, so listing that too would be noise.
    layer_of("${direct}" direct_layer)
    if(NOT direct_layer STREQUAL layer AND NOT direct_layer IN_LIST ALLOWED_${layer})
      continue()
    endif()
    compute_reach("${direct}")
    string(REGEX REPLACE "^include/" "" via "${direct}")
    get_property(reached GLOBAL PROPERTY "REACH_PROJECT_${direct}")
    foreach(header IN LISTS reached)
      if(NOT header IN_LIST project)
        check_direction("${rel}" "${layer}" "${header}" "${via}")
      endif()
    endforeach()
    get_property(reached GLOBAL PROPERTY "REACH_SYSTEM_${direct}")
    foreach(header IN LISTS reached)
      if(NOT header IN_LIST system)
        check_third_party("${rel}" "${header}" "${via}")
      endif()
    endforeach()
  endforeach()
endforeach()

if(NOT VIOLATIONS STREQUAL "")
  # One line per (file, header, route); the same header reached through two
  # includes is reported for each, which is what has to change.
  string(REGEX REPLACE "\n$" "" VIOLATIONS "${VIOLATIONS}")
  string(REPLACE "\n" ";" lines "${VIOLATIONS}")
  list(REMOVE_DUPLICATES lines)
  list(LENGTH lines count)
  string(REPLACE ";" "\n  " shown "${lines}")
  message(FATAL_ERROR "check_layers: ${count} include(s) break the layer map "
    "(docs/architecture.md):\n  ${shown}")
endif()
message(STATUS "check_layers: ${checked} files follow the layer map")
