/**
 * Grafana's shared modules, the ones a plugin's module.js leaves to the host (its webpack externals): one
 * instance of each, registered under the names the AMD `define([...])` of a plugin asks for. The playground's
 * own page imports the same instances, so React contexts (theme, portals) are shared with the plugins.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaI18n from '@grafana/i18n';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaSchema from '@grafana/schema';
import * as grafanaUi from '@grafana/ui';
import * as i18next from 'i18next';
// callable default exports: a namespace object could not be called as lodash() or moment()
import lodash from 'lodash';
// Grafana still shares moment with plugins, so the host must provide it even though new code should not use it
// eslint-disable-next-line no-restricted-imports
import moment from 'moment';
import * as React from 'react';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

export const SHARED_MODULES: Readonly<Record<string, unknown>> = {
  react: React,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxDevRuntime,
  'react-dom': ReactDOM,
  'react-dom/client': ReactDOMClient,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/schema': grafanaSchema,
  '@grafana/i18n': grafanaI18n,
  rxjs,
  'rxjs/operators': rxjsOperators,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  lodash,
  moment,
  i18next,
};
