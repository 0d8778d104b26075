import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import {
  isUserSettable,
  type UserValue,
  type UserValues,
  type ValueSpecs,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ValueField } from './ValueField';

export interface EnvVarFormProps {
  specs: ValueSpecs;
  values: UserValues;
  onChange: (key: string, value: UserValue) => void;
  /** Problems by value key (client-side or from the server's 400). */
  errors?: Record<string, string>;
  /** Password keys that already have a value on the server (edit mode). */
  secretsSet?: ReadonlySet<string>;
  disabled?: boolean;
  /**
   * A deployed service's values: those whose spec is `immutable` are shown
   * read-only (fixed at launch); at launch they are editable and say so.
   */
  deployed?: boolean;
}

/** The value spec as the form shows it: immutable values say what that means. */
function withImmutableHelp(
  spec: ValueSpecs['required'][number],
  deployed: boolean,
) {
  if (!spec.immutable) return spec;
  const note = deployed
    ? 'Fixed at launch: it cannot be changed on a deployed service.'
    : 'Cannot be changed after launch.';
  return {
    ...spec,
    helpText: [spec.helpText, note].filter(Boolean).join(' '),
  };
}

/**
 * The Helm values form built from a template's value specs: required
 * values first, optional ones behind "Advanced settings".
 */
export function EnvVarForm(props: EnvVarFormProps) {
  const { values, onChange, errors = {}, secretsSet, disabled } = props;
  // Generated secrets a user may not set get no field, only a note.
  const specs = {
    required: props.specs.required.filter(isUserSettable),
    optional: props.specs.optional.filter(isUserSettable),
  };
  const generated = [...props.specs.required, ...props.specs.optional].filter(
    spec => !isUserSettable(spec),
  );
  const [advanced, setAdvanced] = useState(false);
  const optionalError = specs.optional.some(spec => errors[spec.key]);

  // A problem in a hidden field must not stay hidden.
  useEffect(() => {
    if (optionalError) setAdvanced(true);
  }, [optionalError]);

  const field = (spec: ValueSpecs['required'][number]) => (
    <ValueField
      key={spec.key}
      spec={withImmutableHelp(spec, !!props.deployed)}
      value={values[spec.key]}
      onChange={value => onChange(spec.key, value)}
      error={errors[spec.key]}
      secretIsSet={secretsSet?.has(spec.key)}
      disabled={disabled || (!!props.deployed && !!spec.immutable)}
    />
  );

  const generatedNote = generated.length > 0 && (
    <Typography variant="body2" color="textSecondary">
      Generated for this service at launch and kept across upgrades:{' '}
      {generated.map(spec => spec.label).join(', ')} (workspace admins can
      reveal {generated.length === 1 ? 'it' : 'them'}).
    </Typography>
  );

  if (specs.required.length === 0 && specs.optional.length === 0) {
    return (
      <Box>
        <Typography color="textSecondary">
          This application has no configurable values.
        </Typography>
        {generatedNote}
      </Box>
    );
  }

  return (
    <Box>
      {generatedNote}
      {specs.required.map(field)}
      {specs.optional.length > 0 && (
        <>
          <Button
            onClick={() => setAdvanced(a => !a)}
            aria-expanded={advanced}
            aria-controls="advanced-values"
            startIcon={advanced ? <ExpandLess /> : <ExpandMore />}
            style={{ marginTop: 8 }}
          >
            Advanced settings ({specs.optional.length})
          </Button>
          <Collapse in={advanced} unmountOnExit>
            <Box id="advanced-values">{specs.optional.map(field)}</Box>
          </Collapse>
        </>
      )}
    </Box>
  );
}
