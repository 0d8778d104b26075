import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: { margin: 0, overflowWrap: 'anywhere' },
}));

/**
 * Label/value pairs, each one labelled group ("Internal port: 5432") with an
 * ARIA term and definition, so assistive technology (and tests) read a
 * fact as one. ARIA roles on plain elements rather than a `<dl>`: a `<dl>`
 * may hold only bare `<div>` wrappers, and the labelled group is what makes
 * each pair one fact (axe `definition-list` / `dlitem`).
 */
export function DefinitionList(props: { items: Array<[string, ReactNode]> }) {
  const classes = useStyles();
  return (
    <div className={classes.list}>
      {props.items.map(([term, value]) => (
        <div
          key={term}
          style={{ display: 'contents' }}
          role="group"
          aria-label={term}
        >
          <div role="term" className={classes.term}>
            {term}
          </div>
          <div role="definition" className={classes.value}>
            {value}
          </div>
        </div>
      ))}
    </div>
  );
}
