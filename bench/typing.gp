# Median typing latency against file size (bench/typing.sh passes
# datafile and outfile).  A log scale keeps the sub-millisecond dockls
# figures readable beside peers that take tens of milliseconds.
set terminal pngcairo size 900,560 font ",10"
set output outfile
set title "Typing latency per keystroke (median), dockls and the peer servers"
set xlabel "file length (lines)"
set ylabel "milliseconds from didChange to publishDiagnostics"
set logscale xy
set grid ytics mytics xtics
set key below
load datafile.".gp"
