import { useState } from 'react';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Visibility from '@material-ui/icons/Visibility';
import VisibilityOff from '@material-ui/icons/VisibilityOff';
import {
  isSensitiveSpec,
  type UserValue,
  type ValueSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

export interface ValueFieldProps {
  spec: ValueSpec;
  value: UserValue | undefined;
  onChange: (value: UserValue) => void;
  error?: string;
  /** A password that already has a value on the server (edit mode). */
  secretIsSet?: boolean;
  disabled?: boolean;
}

export function fieldId(key: string) {
  return `value-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Ends a sentence taken from a template (help texts often have no period). */
function sentence(text: string) {
  return /[.!?:]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function helperFor(
  spec: ValueSpec,
  error?: string,
  extra?: string,
  secretIsSet?: boolean,
) {
  if (error) return `${spec.label} ${error}`;
  const parts = [spec.helpText, extra].filter((p): p is string => !!p);
  // A password already set on the server may be left empty: not "Required".
  if (spec.required && spec.defaultValue === undefined && !secretIsSet)
    parts.unshift('Required.');
  return parts.map(sentence).join(' ') || undefined;
}

function rangeText(spec: ValueSpec): string | undefined {
  const { min, max } = spec;
  if (min !== undefined && max !== undefined)
    return `Between ${min} and ${max}.`;
  if (min !== undefined) return `At least ${min}.`;
  if (max !== undefined) return `At most ${max}.`;
  return undefined;
}

/** One Helm value as the right kind of input for its type. */
export function ValueField(props: ValueFieldProps) {
  const { spec, value, onChange, error, disabled } = props;
  const [revealed, setRevealed] = useState(false);
  const id = fieldId(spec.key);
  const required = spec.required && spec.defaultValue === undefined;

  if (spec.type === 'boolean') {
    return (
      <FormControl error={!!error} margin="normal" fullWidth>
        <FormControlLabel
          label={spec.label}
          control={
            <Switch
              id={id}
              color="primary"
              checked={value === true}
              disabled={disabled}
              onChange={e => onChange(e.target.checked)}
            />
          }
        />
        {helperFor(spec, error) && (
          <FormHelperText>{helperFor(spec, error)}</FormHelperText>
        )}
      </FormControl>
    );
  }

  if (spec.type === 'select') {
    return (
      <TextField
        id={id}
        select
        label={spec.label}
        value={value === undefined ? '' : String(value)}
        onChange={e => onChange(e.target.value)}
        error={!!error}
        helperText={helperFor(spec, error)}
        disabled={disabled}
        fullWidth
        margin="normal"
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-required': required }}
      >
        {(value === undefined || value === '') && (
          <option value="">Choose…</option>
        )}
        {spec.options?.map(option => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </TextField>
    );
  }

  if (spec.type === 'number') {
    const range = rangeText(spec);
    return (
      <TextField
        id={id}
        type="number"
        label={spec.label}
        value={value === undefined ? '' : String(value)}
        // Empty stays '' (meaning "not set"); anything else is a number.
        onChange={e =>
          onChange(e.target.value === '' ? '' : Number(e.target.value))
        }
        error={!!error}
        helperText={helperFor(spec, error, range)}
        placeholder={spec.placeholder}
        disabled={disabled}
        fullWidth
        margin="normal"
        inputProps={{ min: spec.min, max: spec.max, 'aria-required': required }}
      />
    );
  }

  const isPassword = isSensitiveSpec(spec);
  return (
    <TextField
      id={id}
      type={isPassword && !revealed ? 'password' : 'text'}
      label={spec.label}
      value={value === undefined ? '' : String(value)}
      onChange={e => onChange(e.target.value)}
      error={!!error}
      helperText={helperFor(
        spec,
        error,
        props.secretIsSet
          ? 'A value is set; leave empty to keep it.'
          : undefined,
        props.secretIsSet,
      )}
      placeholder={
        props.secretIsSet
          ? '•••••••• (set — type to replace)'
          : spec.placeholder
      }
      disabled={disabled}
      fullWidth
      margin="normal"
      autoComplete={isPassword ? 'new-password' : 'off'}
      inputProps={{ 'aria-required': required && !props.secretIsSet }}
      InputProps={
        isPassword
          ? {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton
                    aria-label={`${revealed ? 'Hide' : 'Show'} ${spec.label}`}
                    onClick={() => setRevealed(r => !r)}
                    edge="end"
                  >
                    {revealed ? <VisibilityOff /> : <Visibility />}
                  </IconButton>
                </InputAdornment>
              ),
            }
          : undefined
      }
    />
  );
}
