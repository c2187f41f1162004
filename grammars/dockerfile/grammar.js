/**
 * Dockerfile grammar for dockls, in tree-sitter's grammar DSL.
 *
 * Every terminal is an external token produced by src/scanner.c, which lexes
 * by context: the parser tells it which tokens are valid, and Docker's rules
 * (line continuations with the escape character, comment lines inside
 * continuations, heredocs, exec form falling back to shell form) decide what
 * the text means.  The grammar itself only describes the structure.
 *
 * Regenerate src/grammar.json, src/parser.c and src/node-types.json with
 * `cmake --build <build> --target grammar`.
 */

const INSTRUCTIONS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY',
  'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL',
  'HEALTHCHECK', 'SHELL',
];

// Exec form (a JSON string array) or shell form; the scanner only offers
// '[' when the rest of the instruction is a valid JSON string array, as
// Docker falls back to shell form otherwise.
const execOrShell = ($) => choice($.json_string_array, $.shell_command);

module.exports = grammar({
  name: 'dockerfile',

  // The order here is the order of the scanner's TokenType enum.
  externals: ($) => [
    ...INSTRUCTIONS,
    'AS',
    'NONE',
    $._newline,
    $.comment,
    $.line_continuation,
    $._directive_start,
    $.directive_name,
    $._directive_equals,
    $.directive_value,
    '--',
    $.flag_name,
    '=',
    $.flag_value,
    '[',
    ']',
    ',',
    $.json_string,
    $.shell_fragment,
    $.heredoc_marker,
    $.heredoc_body,
    $.heredoc_end,
    $.image_name,
    ':',
    $.image_tag,
    '@',
    $.image_digest,
    $.image_alias,
    $.variable_name,
    $.label_key,
    $.value,
    $._value_rest,
    $._word,
    $._word_until_colon,
    $._rest,
    $._error_sentinel,
  ],

  extras: ($) => [$.comment, $.line_continuation],

  supertypes: ($) => [$._instruction],

  rules: {
    source_file: ($) => seq(repeat($.parser_directive), optional($._instructions)),

    // The instruction list is a hidden, left-recursive rule rather than
    // repeat($._instruction), because of how the runtime reuses subtrees
    // after an edit.  repeat() becomes `R -> R R | x`, whose shift/reduce
    // conflict is kept as a two-action table entry, and the runtime never
    // reuses a node built by such an entry (it is "fragile"): it descends
    // to the single instructions and takes them over one by one, so even an
    // edit on the last line cost a reduction per instruction of the file.
    // Left recursion needs no conflict, and a hidden named rule is not
    // rebalanced by the runtime, so the node covering every instruction
    // before an edit is reused in one step.  The price is depth: this node
    // nests once per instruction, so the root's children must be visited
    // with a TSTreeCursor (indexed access and sibling links walk the nesting).
    _instructions: ($) => choice($._instruction, seq($._instructions, $._instruction)),

    parser_directive: ($) => seq(
      $._directive_start,
      field('name', $.directive_name),
      $._directive_equals,
      field('value', $.directive_value),
    ),

    _instruction: ($) => choice(
      $.from_instruction,
      $.run_instruction,
      $.cmd_instruction,
      $.label_instruction,
      $.maintainer_instruction,
      $.expose_instruction,
      $.env_instruction,
      $.add_instruction,
      $.copy_instruction,
      $.entrypoint_instruction,
      $.volume_instruction,
      $.user_instruction,
      $.workdir_instruction,
      $.arg_instruction,
      $.onbuild_instruction,
      $.stopsignal_instruction,
      $.healthcheck_instruction,
      $.shell_instruction,
    ),

    from_instruction: ($) => seq(
      'FROM',
      repeat(field('flag', $.flag)),
      field('image', $.image_spec),
      optional(seq('AS', field('alias', $.image_alias))),
      $._newline,
    ),

    image_spec: ($) => seq(
      field('name', $.image_name),
      optional(seq(':', field('tag', $.image_tag))),
      optional(seq('@', field('digest', $.image_digest))),
    ),

    run_instruction: ($) => seq(
      'RUN',
      repeat(field('flag', $.flag)),
      // Docker's line parser accepts a bare RUN (the build fails later), so
      // the command is optional here and left to the rules to report.
      optional(field('command', choice($.json_string_array, alias($._heredoc_shell_command, $.shell_command)))),
      $._heredoc_eol,
    ),

    cmd_instruction: ($) => seq('CMD', field('command', execOrShell($)), $._newline),

    entrypoint_instruction: ($) => seq('ENTRYPOINT', field('command', execOrShell($)), $._newline),

    shell_instruction: ($) => seq('SHELL', field('command', $.json_string_array), $._newline),

    // Docker's line parser takes any HEALTHCHECK arguments; only the
    // instruction parser rejects a bare CMD or an unknown type such as
    // `CONNECT TCP 7000`, so they parse here and are left to the rules.
    healthcheck_instruction: ($) => seq(
      'HEALTHCHECK',
      repeat(field('flag', $.flag)),
      optional(choice(
        'NONE',
        seq('CMD', optional(field('command', execOrShell($)))),
        field('type', alias($._rest, $.unknown_healthcheck_type)),
      )),
      $._newline,
    ),

    label_instruction: ($) => seq('LABEL', repeat1($.label_pair), $._newline),

    label_pair: ($) => choice(
      seq(field('key', $.label_key), '=', optional(field('value', $.value))),
      seq(field('key', $.label_key), field('value', alias($._value_rest, $.value))),
    ),

    env_instruction: ($) => seq('ENV', repeat1($.env_pair), $._newline),

    env_pair: ($) => choice(
      seq(field('key', $.variable_name), '=', optional(field('value', $.value))),
      seq(field('key', $.variable_name), field('value', alias($._value_rest, $.value))),
    ),

    arg_instruction: ($) => seq('ARG', repeat1($.arg_pair), $._newline),

    arg_pair: ($) => seq(
      field('key', $.variable_name),
      optional(seq('=', optional(field('value', $.value)))),
    ),

    maintainer_instruction: ($) => seq('MAINTAINER', field('name', alias($._rest, $.string)), $._newline),

    expose_instruction: ($) => seq('EXPOSE', repeat1(field('port', alias($._word, $.expose_port))), $._newline),

    add_instruction: ($) => seq(
      'ADD',
      repeat(field('flag', $.flag)),
      $._paths,
      $._heredoc_eol,
    ),

    copy_instruction: ($) => seq(
      'COPY',
      repeat(field('flag', $.flag)),
      $._paths,
      $._heredoc_eol,
    ),

    _paths: ($) => choice(
      field('paths', $.json_string_array),
      repeat1(choice(field('path', alias($._word, $.path)), field('marker', $.heredoc_marker))),
    ),

    volume_instruction: ($) => seq(
      'VOLUME',
      choice(field('paths', $.json_string_array), repeat1(field('path', alias($._word, $.path)))),
      $._newline,
    ),

    user_instruction: ($) => seq(
      'USER',
      field('user', alias($._word_until_colon, $.user_name)),
      optional(seq(':', field('group', alias($._word_until_colon, $.group_name)))),
      $._newline,
    ),

    workdir_instruction: ($) => seq('WORKDIR', field('path', alias($._rest, $.path)), $._newline),

    stopsignal_instruction: ($) => seq('STOPSIGNAL', field('signal', alias($._rest, $.signal)), $._newline),

    onbuild_instruction: ($) => seq('ONBUILD', field('instruction', $._instruction)),

    flag: ($) => seq('--', field('name', $.flag_name), optional(seq('=', field('value', $.flag_value)))),

    json_string_array: ($) => seq(
      '[',
      optional(seq($.json_string, repeat(seq(',', $.json_string)))),
      ']',
    ),

    shell_command: ($) => repeat1($.shell_fragment),

    // RUN's shell form may open heredocs (`RUN cat <<EOF > /file`); their
    // bodies follow the instruction line, in _heredoc_eol.
    _heredoc_shell_command: ($) => repeat1(choice($.shell_fragment, field('marker', $.heredoc_marker))),

    _heredoc_eol: ($) => seq($._newline, repeat($.heredoc_block)),

    heredoc_block: ($) => seq(optional(field('body', $.heredoc_body)), field('end', $.heredoc_end)),
  },
});
