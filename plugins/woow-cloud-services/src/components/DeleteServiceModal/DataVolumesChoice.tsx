import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { DataChoice } from './dataChoice';

/** The delete dialog's part about the data: a choice only where there is one. */
export function DataVolumesChoice(props: {
  choice: DataChoice;
  value: 'keep' | 'delete';
  onChange: (value: 'keep' | 'delete') => void;
}) {
  const { choice } = props;
  if (choice.kind === 'deleted') {
    return (
      <Alert severity="warning" aria-label="Data volumes">
        Its data is deleted with it: this application&apos;s chart does not keep
        its volumes ({choice.deleted.join(', ')}) when it is uninstalled.
      </Alert>
    );
  }
  if (choice.kind === 'none') {
    return (
      <Typography paragraph aria-label="Data volumes">
        This application keeps no data in volumes.
      </Typography>
    );
  }
  return (
    <FormControl component="fieldset" margin="normal">
      <FormLabel component="legend">Data volumes</FormLabel>
      {choice.kind === 'unknown' && (
        <Typography variant="body2" color="textSecondary">
          It could not be checked whether this application&apos;s volumes
          survive; keeping them is refused if they do not.
        </Typography>
      )}
      <RadioGroup
        aria-label="Data volumes"
        value={props.value}
        onChange={e => props.onChange(e.target.value as 'keep' | 'delete')}
      >
        <FormControlLabel
          value="keep"
          control={<Radio />}
          label={`Keep data volumes${
            choice.kind === 'choose' ? ` (${choice.surviving.join(', ')})` : ''
          } (you can ask an administrator to restore them)`}
        />
        <FormControlLabel
          value="delete"
          control={<Radio />}
          label="Delete data volumes permanently"
        />
      </RadioGroup>
    </FormControl>
  );
}
