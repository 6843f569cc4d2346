-- tables are set across the page: close the three columns before a table, reopen after
function Table(t)
  return {pandoc.RawBlock('latex', '\\end{multicols}'), t,
          pandoc.RawBlock('latex', '\\begin{multicols}{3}')}
end
